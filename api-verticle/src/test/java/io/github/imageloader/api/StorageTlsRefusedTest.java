package io.github.imageloader.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Storage over HTTPS whose certificate must be refused: issued by a CA the loaders do not trust, or valid for
 * another host name. Each transport and TLS engine answers a clear {@code 502 storage_tls_error} at once (no
 * retries), storage serves no object, and a signed URL to such a host is refused the same way.
 */
@ExtendWith(VertxExtension.class)
class StorageTlsRefusedTest {

  private static final TestStack.Tls UNTRUSTED_CA = new TestStack.Tls(List.of("localhost", "127.0.0.1"), false);
  private static final TestStack.Tls OTHER_HOST = new TestStack.Tls(List.of("storage.invalid"), true);

  @Test
  void untrustedCertificateHttpOpenSsl(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) {
    refused(vertx, ctx, dir, "http", "openssl", UNTRUSTED_CA);
  }

  @Test
  void untrustedCertificateHttpJdk(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) {
    refused(vertx, ctx, dir, "http", "jdk", UNTRUSTED_CA);
  }

  @Test
  void untrustedCertificateSdk(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) {
    refused(vertx, ctx, dir, "sdk", "openssl", UNTRUSTED_CA);
  }

  @Test
  void wrongHostNameHttpOpenSsl(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) {
    refused(vertx, ctx, dir, "http", "openssl", OTHER_HOST);
  }

  @Test
  void wrongHostNameHttpJdk(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) {
    refused(vertx, ctx, dir, "http", "jdk", OTHER_HOST);
  }

  @Test
  void wrongHostNameSdk(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) {
    refused(vertx, ctx, dir, "sdk", "openssl", OTHER_HOST);
  }

  private void refused(Vertx vertx, VertxTestContext ctx, Path dir, String transport, String engine, TestStack.Tls tls) {
    TestStack[] stack = new TestStack[1];
    List<Future<HttpResponse<Buffer>>> responses = new ArrayList<>();
    TestStack.start(vertx, dir.resolve("data"), transport, new JsonObject().put("STORAGE_TLS_ENGINE", engine).put("WARMUP_BATCHES", 0), tls)
      .compose(started -> {
        stack[0] = started;
        responses.add(started.get(TestStack.imagesQuery("/images", List.of(started.name(0), started.name(1)))));
        responses.add(started.post("/load-images", new JsonArray().add(started.signedUrl(started.name(2), 0)).toBuffer()));
        return Future.join(responses);
      })
      .compose(all -> stack[0].emulatorStats())
      .onComplete(ctx.succeeding(stats -> ctx.verify(() -> {
        for (Future<HttpResponse<Buffer>> response : responses) {
          HttpResponse<Buffer> refused = response.result();
          assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(502);
          JsonObject body = refused.bodyAsJsonObject();
          assertThat(body.getString("error")).isEqualTo("storage_tls_error");
          assertThat(body.getString("message")).contains("TLS handshake with storage failed");
        }
        // The handshake failed before any request: storage served nothing (it counts only completed handshakes).
        assertThat(stats.getLong("objectRequests")).as("objects storage served").isZero();
        ctx.completeNow();
      })));
  }
}
