package io.github.imageloader.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The api's contract, end to end over real HTTP against the GCS emulator; run once per storage transport
 * by the subclasses. Faults are switched on the emulator per test and cleared after each.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ImagesApiContractTest {

  TestStack stack;

  abstract String transport();

  /** How storage is reached over HTTPS, or {@code null} for plain HTTP. */
  TestStack.Tls tls() {
    return null;
  }

  @BeforeAll
  void startStack(Vertx vertx, VertxTestContext ctx, @TempDir Path dataDir) {
    TestStack.start(vertx, dataDir, transport(), new JsonObject(), tls())
      .onComplete(ctx.succeeding(started -> {
        stack = started;
        ctx.completeNow();
      }));
  }

  @AfterEach
  void clearFaults(VertxTestContext ctx) {
    stack.clearFaults().onComplete(ctx.succeedingThenComplete());
  }

  List<String> names(int count) {
    return IntStream.range(0, count).mapToObj(stack::name).toList();
  }

  static String crc32c(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  void assertError(HttpResponse<Buffer> response, int status, String error) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).startsWith("application/json");
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("error")).isEqualTo(error);
    assertThat(body.getString("message")).isNotBlank();
  }

  @Test
  void pingAnswers(VertxTestContext ctx) {
    stack.get("/").onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("ok");
      ctx.completeNow();
    })));
  }

  @Test
  void loadsFortyImagesWithVerifiedChecksums(VertxTestContext ctx) {
    List<String> names = names(40);
    stack.get(TestStack.imagesQuery("/images", names)).onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
      JsonObject body = response.bodyAsJsonObject();
      assertThat(body.getInteger("count")).isEqualTo(40);
      assertThat(body.getString("message")).isEqualTo("loaded 40 images");
      long expectedBytes = names.stream().mapToLong(n -> stack.objects.get(n).length).sum();
      assertThat(body.getLong("bytes")).isEqualTo(expectedBytes);
      JsonArray images = body.getJsonArray("images");
      for (int i = 0; i < names.size(); i++) {
        JsonObject image = images.getJsonObject(i);
        byte[] original = stack.objects.get(names.get(i));
        assertThat(image.getString("name")).isEqualTo(names.get(i));
        assertThat(image.getLong("bytes")).isEqualTo(original.length);
        assertThat(image.getString("crc32c")).isEqualTo(crc32c(original));
        assertThat(image.getLong("ms")).isNotNegative();
      }
      ctx.completeNow();
    })));
  }

  @Test
  void postBatchLoadsNames(VertxTestContext ctx) {
    JsonObject request = new JsonObject().put("names", new JsonArray(names(5)));
    stack.post("/images/batch", request.toBuffer()).onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
      assertThat(response.bodyAsJsonObject().getInteger("count")).isEqualTo(5);
      ctx.completeNow();
    })));
  }

  @Test
  void missingObjectsAre404AndNamed(VertxTestContext ctx) {
    List<String> names = List.of(stack.name(0), "nope_1.jpg", stack.name(1), "nope_2.jpg");
    stack.get(TestStack.imagesQuery("/images", names)).onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertError(response, 404, "not_found");
      assertThat(response.bodyAsJsonObject().getJsonArray("missing").getList()).containsExactly("nope_1.jpg", "nope_2.jpg");
      ctx.completeNow();
    })));
  }

  @Test
  void invalidNamesAre400(VertxTestContext ctx) {
    List<String> tooMany = IntStream.range(0, 101).mapToObj(i -> stack.name(i % TestStack.OBJECTS)).toList();
    List<Future<HttpResponse<Buffer>>> responses = List.of(
      stack.get("/images"),
      stack.get(TestStack.imagesQuery("/images", tooMany)),
      stack.get("/images?file_names=../secret.jpg"),
      stack.get("/images?file_names=%2Fetc%2Fpasswd"),
      stack.get("/images?file_names=a%01b.jpg"),
      stack.get("/images?file_names=" + "x".repeat(1100)),
      stack.post("/images/batch", Buffer.buffer("{\"names\": \"img_000.jpg\"}")),
      stack.post("/images/batch", Buffer.buffer("{\"names\": [1, 2]}")),
      stack.post("/images/batch", Buffer.buffer("[\"img_000.jpg\"]")),
      stack.post("/images/batch", Buffer.buffer("{not json")),
      stack.post("/images/batch", new JsonObject().put("names", new JsonArray()).toBuffer()));
    List<String> expected = List.of("empty_batch", "batch_too_large", "invalid_name", "invalid_name", "invalid_name",
      "invalid_name", "invalid_body", "invalid_body", "invalid_body", "invalid_json", "empty_batch");
    Future.all(responses).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      for (int i = 0; i < responses.size(); i++) {
        assertError(responses.get(i).result(), 400, expected.get(i));
      }
      ctx.completeNow();
    })));
  }

  @Test
  void everyResponseCarriesARequestId(VertxTestContext ctx) {
    Future<HttpResponse<Buffer>> generated = stack.get("/images?file_names=../x.jpg");
    Future<HttpResponse<Buffer>> kept = stack.checked(HttpMethod.GET, "/", stack.client.get(stack.apiPort(), "127.0.0.1", "/")
      .putHeader("X-Request-Id", "trace-42.a_b").send());
    Future<HttpResponse<Buffer>> replaced = stack.checked(HttpMethod.GET, "/nowhere", stack.client.get(stack.apiPort(), "127.0.0.1", "/nowhere")
      .putHeader("X-Request-Id", "bad id\twith spaces").send());
    Future.all(generated, kept, replaced).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      String id = generated.result().getHeader("X-Request-Id");
      assertThat(id).matches("[0-9a-f-]{36}");
      assertThat(generated.result().bodyAsJsonObject().getString("requestId")).isEqualTo(id);
      assertThat(kept.result().getHeader("X-Request-Id")).isEqualTo("trace-42.a_b");
      assertThat(replaced.result().getHeader("X-Request-Id")).matches("[0-9a-f-]{36}");
      assertThat(replaced.result().bodyAsJsonObject().getString("requestId")).isEqualTo(replaced.result().getHeader("X-Request-Id"));
      ctx.completeNow();
    })));
  }

  @Test
  void unknownRoutesAndMethodsAreJson(VertxTestContext ctx) {
    Future<HttpResponse<Buffer>> unknown = stack.get("/nowhere");
    Future<HttpResponse<Buffer>> wrongMethod = stack.checked(HttpMethod.DELETE, "/images",
      stack.client.delete(stack.apiPort(), "127.0.0.1", "/images").send());
    Future.all(unknown, wrongMethod).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      assertError(unknown.result(), 404, "no_route");
      assertError(wrongMethod.result(), 405, "method_not_allowed");
      ctx.completeNow();
    })));
  }

  @Test
  void storageFailingAfterRetriesIs502(VertxTestContext ctx) {
    stack.faults(new JsonObject().put("errorRate", 1.0).put("errorStatuses", new JsonArray().add(503)))
      .compose(v -> stack.get(TestStack.imagesQuery("/images", names(3))))
      .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
        assertError(response, 502, "storage_error");
        ctx.completeNow();
      })));
  }

  @Test
  void transientStorageErrorsAreRetriedInvisibly(VertxTestContext ctx) {
    stack.faults(new JsonObject().put("errorRate", 0.25).put("errorStatuses", new JsonArray().add(503).add(429)))
      .compose(v -> stack.get(TestStack.imagesQuery("/images", names(40))))
      .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        JsonArray images = response.bodyAsJsonObject().getJsonArray("images");
        int attempts = images.stream().mapToInt(i -> ((JsonObject) i).getInteger("attempts")).sum();
        assertThat(attempts).isGreaterThan(40);
        ctx.completeNow();
      })));
  }

  @Test
  void corruptedBytesFailTheBatchAndAreNeverReturned(VertxTestContext ctx) {
    stack.faults(new JsonObject().put("corruptRate", 1.0))
      .compose(v -> Future.all(
        stack.get(TestStack.imagesQuery("/images", names(3))),
        stack.get(TestStack.imagesQuery("/images/archive", names(3)))))
      .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
        HttpResponse<Buffer> summary = all.resultAt(0);
        HttpResponse<Buffer> archive = all.resultAt(1);
        assertError(summary, 502, "checksum_mismatch");
        assertError(archive, 502, "checksum_mismatch");
        ctx.completeNow();
      })));
  }

  @Test
  void batchDeadlineIs504(VertxTestContext ctx) {
    stack.faults(new JsonObject().put("latencyMs", 4000))
      .compose(v -> stack.get(TestStack.imagesQuery("/images", names(2))))
      .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
        assertError(response, 504, "deadline_exceeded");
        ctx.completeNow();
      })));
  }

  /**
   * A response that trickles in must not outlive the deadline: the client's idle timeout never fires
   * while bytes keep coming, so each attempt has a hard limit that resets its connection.
   */
  @Test
  void slowDownloadsAreCutAtTheDeadline(Vertx vertx, VertxTestContext ctx) {
    // google-cloud-storage reads on a blocking thread that cannot be cut mid-read (README, "sdk" transport).
    Assumptions.assumeTrue(transport().equals("http"), "the sdk transport cannot cut a read in progress");
    long[] before = new long[1];
    stack.emulatorStats()
      .compose(stats -> {
        before[0] = stats.getLong("openConnections");
        return stack.faults(new JsonObject().put("bandwidthBytesPerSec", 2_000));
      })
      .compose(v -> stack.get(TestStack.imagesQuery("/images", names(1))))
      .compose(response -> {
        ctx.verify(() -> assertError(response, 504, "deadline_exceeded"));
        return vertx.timer(1_500).compose(t -> stack.emulatorStats());
      })
      .onComplete(ctx.succeeding(stats -> ctx.verify(() -> {
        assertThat(stats.getLong("openConnections")).as("storage connections still streaming after the deadline")
          .isLessThanOrEqualTo(before[0]);
        ctx.completeNow();
      })));
  }

  @Test
  void archiveHoldsTheObjectsBytesInRequestOrder(VertxTestContext ctx) {
    List<String> names = List.of(stack.name(7), stack.name(3), stack.name(12), stack.name(3));
    stack.get(TestStack.imagesQuery("/images/archive", names)).onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
      assertThat(response.getHeader("Content-Type")).isEqualTo("application/x-tar");
      List<String> entryNames = new ArrayList<>();
      try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(response.body().getBytes()))) {
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
          entryNames.add(entry.getName());
          assertThat(tar.readAllBytes()).isEqualTo(stack.objects.get(entry.getName()));
        }
      }
      assertThat(entryNames).containsExactlyElementsOf(names);
      ctx.completeNow();
    })));
  }

  @Test
  void signedUrlsOnAllowedHostsLoad(VertxTestContext ctx) {
    JsonArray urls = new JsonArray(names(5).stream().map(n -> stack.signedUrl(n, 0)).toList());
    stack.post("/load-images", urls.toBuffer()).onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
      JsonObject body = response.bodyAsJsonObject();
      assertThat(body.getInteger("count")).isEqualTo(5);
      assertThat(body.getJsonArray("images").getJsonObject(0).getString("crc32c"))
        .isEqualTo(crc32c(stack.objects.get(stack.name(0))));
      assertThat(body.encode()).doesNotContain("X-Goog-Signature");
      ctx.completeNow();
    })));
  }

  @Test
  void expiredOrTamperedSignedUrlsAre403(VertxTestContext ctx) {
    String expired = stack.signedUrl(stack.name(1), -3_600_000);
    String valid = stack.signedUrl(stack.name(2), 0);
    int signature = valid.indexOf("X-Goog-Signature=") + "X-Goog-Signature=".length();
    String tampered = valid.substring(0, signature) + (valid.charAt(signature) == 'a' ? 'b' : 'a') + valid.substring(signature + 1);
    String otherObject = valid.replace(stack.name(2), stack.name(3));
    List<Future<HttpResponse<Buffer>>> responses = List.of(
      stack.post("/load-images", new JsonArray().add(valid).add(expired).toBuffer()),
      stack.post("/load-images", new JsonArray().add(tampered).toBuffer()),
      stack.post("/load-images", new JsonArray().add(otherObject).toBuffer()));
    Future.all(responses).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      for (Future<HttpResponse<Buffer>> response : responses) {
        assertError(response.result(), 403, "signed_url_rejected");
        assertThat(response.result().bodyAsString()).doesNotContain("X-Goog-Signature");
      }
      ctx.completeNow();
    })));
  }

  @Test
  void signedUrlsElsewhereAreRefused(VertxTestContext ctx) {
    String allowed = "http://127.0.0.1:" + stack.emulatorPort() + "/" + TestStack.BUCKET + "/" + TestStack.PREFIX + stack.name(0);
    List<Future<HttpResponse<Buffer>>> responses = List.of(
      stack.post("/load-images", new JsonArray().add(allowed).add("http://169.254.169.254/computeMetadata/v1/").toBuffer()),
      stack.post("/load-images", new JsonArray().add("http://127.0.0.1:" + stack.apiPort() + "/images").toBuffer()),
      stack.post("/load-images", new JsonArray().add("file:///etc/passwd").toBuffer()),
      stack.post("/load-images", new JsonObject().put("urls", new JsonArray().add("https://example.com/a.jpg")).toBuffer()));
    Future.all(responses).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      for (Future<HttpResponse<Buffer>> response : responses) {
        assertError(response.result(), 400, "url_not_allowed");
      }
      ctx.completeNow();
    })));
  }

  @Test
  void readinessSeesLoaderAndStorage(VertxTestContext ctx) {
    stack.get("/ready").onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
      assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("READY");
      ctx.completeNow();
    })));
  }

  /**
   * After warm-up, 1,000 images in batches of 40 (two batches at a time) must ride on kept-alive
   * connections: fewer than 1 new emulator connection per 100 images (over HTTPS: fewer than 1 new TLS
   * handshake per 100 images, each new connection being one).
   */
  @Test
  void connectionsAreReused(VertxTestContext ctx) {
    List<String> batch = names(40);
    String uri = TestStack.imagesQuery("/images", batch);
    Future<Void> warmUp = runBatches(uri, 4);
    long[] before = new long[1];
    warmUp
      .compose(v -> stack.emulatorStats())
      .compose(stats -> {
        before[0] = stats.getLong(stack.tls ? "tlsConnections" : "connections");
        return runBatches(uri, 25);
      })
      .compose(v -> stack.emulatorStats())
      .onComplete(ctx.succeeding(stats -> ctx.verify(() -> {
        long opened = stats.getLong(stack.tls ? "tlsConnections" : "connections") - before[0];
        assertThat(opened).as(stack.tls ? "new TLS handshakes for 1,000 images" : "new storage connections for 1,000 images")
          .isLessThan(10);
        ctx.completeNow();
      })));
  }

  /** Runs {@code count} batches, two at a time, failing on any non-200. */
  private Future<Void> runBatches(String uri, int count) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < count; i += 2) {
      int parallel = Math.min(2, count - i);
      chain = chain.compose(v -> {
        List<Future<HttpResponse<Buffer>>> pair = new ArrayList<>();
        for (int p = 0; p < parallel; p++) {
          pair.add(stack.get(uri));
        }
        return Future.all(pair).compose(all -> pair.stream().allMatch(r -> r.result().statusCode() == 200)
          ? Future.succeededFuture()
          : Future.failedFuture("a batch failed: " + pair.stream().map(r -> r.result().bodyAsString()).toList()));
      });
    }
    return chain;
  }
}
