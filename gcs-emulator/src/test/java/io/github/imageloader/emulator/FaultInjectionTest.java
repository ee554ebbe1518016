package io.github.imageloader.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class FaultInjectionTest {

  private static final String HOST = "127.0.0.1";
  private static final String MEDIA_URI = "/download/storage/v1/b/bucket/o/f%2Fobj.bin?alt=media";
  private static final String XML_URI = "/bucket/f/obj.bin";
  private static final byte[] CONTENT = Checksums.randomBytes(200_000, 11);

  @TempDir Path dataDir;
  private int port;
  private WebClient client;

  @BeforeEach
  void setUp(Vertx vertx) throws IOException {
    Path file = dataDir.resolve("bucket/f/obj.bin");
    Files.createDirectories(file.getParent());
    Files.write(file, CONTENT);
    port = EmulatorFixture.deploy(vertx, dataDir).actualPort();
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost(HOST).setDefaultPort(port));
  }

  @Test
  void latencyDelaysObjectRequests(VertxTestContext ctx) {
    long[] started = new long[1];
    putFaults(new JsonObject().put("latencyMs", 300).put("jitterMs", 50))
        .compose(
            v -> {
              started[0] = System.nanoTime();
              return client.get(MEDIA_URI).send();
            })
        .onComplete(
            ctx.succeeding(
                response ->
                    ctx.verify(
                        () -> {
                          long elapsedMs = (System.nanoTime() - started[0]) / 1_000_000;
                          assertThat(response.statusCode()).isEqualTo(200);
                          assertThat(elapsedMs).isGreaterThanOrEqualTo(250);
                          ctx.completeNow();
                        })));
  }

  @Test
  void configuredLatencyAppliesFromStart(Vertx vertx, VertxTestContext ctx) {
    int slowPort =
        EmulatorFixture.deploy(vertx, dataDir, new JsonObject().put("latencyMs", 200))
            .actualPort();
    long started = System.nanoTime();
    client
        .get(slowPort, HOST, "/storage/v1/b/bucket/o/f%2Fobj.bin")
        .send()
        .compose(
            response -> {
              long elapsedMs = (System.nanoTime() - started) / 1_000_000;
              ctx.verify(
                  () -> {
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(elapsedMs).isGreaterThanOrEqualTo(200);
                  });
              return client.get(slowPort, HOST, "/_emulator/faults").send();
            })
        .onComplete(
            ctx.succeeding(
                faults ->
                    ctx.verify(
                        () -> {
                          assertThat(faults.bodyAsJsonObject().getLong("latencyMs")).isEqualTo(200);
                          ctx.completeNow();
                        })));
  }

  @Test
  void errorStatusIsReturned(VertxTestContext ctx) {
    putFaults(new JsonObject().put("errorRate", 1.0).put("errorStatuses", new JsonArray().add(429)))
        .compose(v -> client.get(MEDIA_URI).send())
        .compose(
            response -> {
              ctx.verify(
                  () -> {
                    assertThat(response.statusCode()).isEqualTo(429);
                    assertThat(response.bodyAsJsonObject().getJsonObject("error").getInteger("code"))
                        .isEqualTo(429);
                  });
              return client.get(XML_URI).send();
            })
        .compose(
            xml -> {
              ctx.verify(() -> assertThat(xml.statusCode()).isEqualTo(429));
              return stats();
            })
        .onComplete(
            ctx.succeeding(
                stats ->
                    ctx.verify(
                        () -> {
                          assertThat(stats.getJsonObject("faultsInjected").getLong("error"))
                              .isEqualTo(2);
                          ctx.completeNow();
                        })));
  }

  @Test
  void resetClosesTheConnectionWithoutResponse(VertxTestContext ctx) {
    putFaults(new JsonObject().put("resetRate", 1.0))
        .compose(v -> client.get(MEDIA_URI).send())
        .onComplete(
            ar -> {
              ctx.verify(() -> assertThat(ar.failed()).as("request should fail").isTrue());
              stats()
                  .onComplete(
                      ctx.succeeding(
                          stats ->
                              ctx.verify(
                                  () -> {
                                    assertThat(
                                            stats.getJsonObject("faultsInjected").getLong("reset"))
                                        .isEqualTo(1);
                                    ctx.completeNow();
                                  })));
            });
  }

  @Test
  void truncatedBodyIsShorterThanAnnounced(VertxTestContext ctx) {
    putFaults(new JsonObject().put("truncateRate", 1.0))
        .compose(v -> client.get(MEDIA_URI).send())
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                HttpResponse<Buffer> response = ar.result();
                ctx.verify(
                    () ->
                        assertThat(response.body() == null ? 0 : response.body().length())
                            .isLessThan(Integer.parseInt(response.getHeader("Content-Length"))));
              }
              stats()
                  .onComplete(
                      ctx.succeeding(
                          stats ->
                              ctx.verify(
                                  () -> {
                                    assertThat(
                                            stats
                                                .getJsonObject("faultsInjected")
                                                .getLong("truncate"))
                                        .isEqualTo(1);
                                    assertThat(stats.getLong("bytesServed"))
                                        .isLessThan(CONTENT.length);
                                    ctx.completeNow();
                                  })));
            });
  }

  @Test
  void corruptBodyFailsChecksumButKeepsHeaders(VertxTestContext ctx) {
    putFaults(new JsonObject().put("corruptRate", 1.0))
        .compose(v -> client.get(MEDIA_URI).send())
        .onComplete(
            ctx.succeeding(
                response ->
                    ctx.verify(
                        () -> {
                          assertThat(response.statusCode()).isEqualTo(200);
                          byte[] body = response.body().getBytes();
                          assertThat(body).hasSize(CONTENT.length);
                          assertThat(response.getHeader("x-goog-hash"))
                              .contains("crc32c=" + Checksums.crc32c(CONTENT));
                          assertThat(Checksums.crc32c(body)).isNotEqualTo(Checksums.crc32c(CONTENT));
                          ctx.completeNow();
                        })));
  }

  @Test
  void bandwidthLimitPacesTheBody(VertxTestContext ctx) {
    long[] started = new long[1];
    putFaults(new JsonObject().put("bandwidthBytesPerSec", 400_000))
        .compose(
            v -> {
              started[0] = System.nanoTime();
              return client.get(MEDIA_URI).send();
            })
        .onComplete(
            ctx.succeeding(
                response ->
                    ctx.verify(
                        () -> {
                          long elapsedMs = (System.nanoTime() - started[0]) / 1_000_000;
                          assertThat(response.body().getBytes()).isEqualTo(CONTENT);
                          // 200 KB at 400 KB/s: about 500 ms
                          assertThat(elapsedMs).isGreaterThanOrEqualTo(400);
                          ctx.completeNow();
                        })));
  }

  @Test
  void downClosesEveryNonAdminConnection(VertxTestContext ctx) {
    putFaults(new JsonObject().put("down", true))
        .compose(v -> client.get("/storage/v1/b/bucket").send())
        .transform(
            ar -> {
              ctx.verify(() -> assertThat(ar.failed()).as("request while down").isTrue());
              return client.delete("/_emulator/faults").send();
            })
        .compose(cleared -> client.get(MEDIA_URI).send())
        .compose(
            response -> {
              ctx.verify(() -> assertThat(response.statusCode()).isEqualTo(200));
              return stats();
            })
        .onComplete(
            ctx.succeeding(
                stats ->
                    ctx.verify(
                        () -> {
                          assertThat(stats.getJsonObject("faultsInjected").getLong("down"))
                              .isEqualTo(1);
                          ctx.completeNow();
                        })));
  }

  @Test
  void faultSettingsRoundTripAndValidation(VertxTestContext ctx) {
    JsonObject settings =
        new JsonObject()
            .put("errorRate", 0.25)
            .put("errorStatuses", new JsonArray().add(408).add(503))
            .put("bandwidthBytesPerSec", 1000);
    Future<HttpResponse<Buffer>> unknownKey =
        client.put("/_emulator/faults").sendJsonObject(new JsonObject().put("bogus", 1));
    Future<HttpResponse<Buffer>> badRate =
        client.put("/_emulator/faults").sendJsonObject(new JsonObject().put("errorRate", 2));
    Future<HttpResponse<Buffer>> notJson =
        client.put("/_emulator/faults").sendBuffer(Buffer.buffer("nope"));
    Future.all(unknownKey, badRate, notJson)
        .compose(v -> client.put("/_emulator/faults").sendJsonObject(settings))
        .compose(v -> client.get("/_emulator/faults").send())
        .compose(
            current -> {
              ctx.verify(
                  () -> {
                    assertThat(unknownKey.result().statusCode()).isEqualTo(400);
                    assertThat(badRate.result().statusCode()).isEqualTo(400);
                    assertThat(notJson.result().statusCode()).isEqualTo(400);
                    JsonObject json = current.bodyAsJsonObject();
                    assertThat(json.getDouble("errorRate")).isEqualTo(0.25);
                    assertThat(json.getJsonArray("errorStatuses")).containsExactly(408, 503);
                    assertThat(json.getLong("bandwidthBytesPerSec")).isEqualTo(1000);
                    assertThat(json.getBoolean("down")).isFalse();
                  });
              return client.delete("/_emulator/faults").send();
            })
        .onComplete(
            ctx.succeeding(
                cleared ->
                    ctx.verify(
                        () -> {
                          JsonObject json = cleared.bodyAsJsonObject();
                          assertThat(json.getDouble("errorRate")).isZero();
                          assertThat(json.getLong("bandwidthBytesPerSec")).isZero();
                          ctx.completeNow();
                        })));
  }

  private Future<Void> putFaults(JsonObject settings) {
    return client
        .put("/_emulator/faults")
        .sendJsonObject(settings)
        .map(
            response -> {
              if (response.statusCode() != 200) {
                throw new IllegalStateException("PUT faults: " + response.bodyAsString());
              }
              return null;
            });
  }

  private Future<JsonObject> stats() {
    return client.get("/_emulator/stats").send().map(HttpResponse::bodyAsJsonObject);
  }
}
