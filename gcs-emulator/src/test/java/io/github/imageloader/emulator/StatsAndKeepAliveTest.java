package io.github.imageloader.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
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
class StatsAndKeepAliveTest {

  private static final String HOST = "127.0.0.1";
  private static final int SIZE = 4096;

  @TempDir Path dataDir;
  private int port;

  @BeforeEach
  void setUp(Vertx vertx) throws IOException {
    Path file = dataDir.resolve("bucket/k/obj.bin");
    Files.createDirectories(file.getParent());
    Files.write(file, Checksums.randomBytes(SIZE, 3));
    port = EmulatorFixture.deploy(vertx, dataDir).actualPort();
  }

  @Test
  void sequentialRequestsReuseOneKeepAliveConnection(Vertx vertx, VertxTestContext ctx) {
    WebClient client =
        WebClient.create(
            vertx,
            new WebClientOptions().setKeepAlive(true).setDefaultHost(HOST).setDefaultPort(port),
            new PoolOptions().setHttp1MaxSize(1));
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < 20; i++) {
      chain =
          chain.compose(
              v ->
                  client
                      .get("/download/storage/v1/b/bucket/o/k%2Fobj.bin?alt=media")
                      .send()
                      .map(response -> {
                        ctx.verify(() -> assertThat(response.statusCode()).isEqualTo(200));
                        return null;
                      }));
    }
    chain
        .compose(v -> client.get("/_emulator/stats").send())
        .onComplete(
            ctx.succeeding(
                response ->
                    ctx.verify(
                        () -> {
                          JsonObject stats = response.bodyAsJsonObject();
                          assertThat(stats.getLong("connections")).isEqualTo(1);
                          assertThat(stats.getLong("openConnections")).isEqualTo(1);
                          assertThat(stats.getLong("requests")).isEqualTo(20);
                          assertThat(stats.getLong("objectRequests")).isEqualTo(20);
                          assertThat(stats.getLong("bytesServed")).isEqualTo(20L * SIZE);
                          assertThat(stats.getLong("uploads")).isZero();
                          assertThat(stats.getJsonObject("faultsInjected").getLong("error"))
                              .isZero();
                          ctx.completeNow();
                        })));
  }

  @Test
  void closedConnectionsAreNoLongerOpen(Vertx vertx, VertxTestContext ctx) {
    WebClient oneShot = WebClient.create(vertx, new WebClientOptions().setKeepAlive(false));
    WebClient admin = WebClient.create(vertx);
    oneShot
        .get(port, HOST, "/storage/v1/b/bucket/o/k%2Fobj.bin")
        .send()
        .compose(v -> oneShot.get(port, HOST, "/storage/v1/b/bucket/o/k%2Fobj.bin").send())
        .compose(v -> statsOnceClosed(vertx, admin, 50))
        .onComplete(
            ctx.succeeding(
                stats ->
                    ctx.verify(
                        () -> {
                          assertThat(stats.getLong("connections")).isEqualTo(3);
                          assertThat(stats.getLong("openConnections")).isEqualTo(1);
                          assertThat(stats.getLong("requests")).isEqualTo(2);
                          assertThat(stats.getLong("metadataRequests")).isEqualTo(2);
                          ctx.completeNow();
                        })));
  }

  /** Close notifications are asynchronous: poll until only the admin connection is open. */
  private Future<JsonObject> statsOnceClosed(Vertx vertx, WebClient admin, int attemptsLeft) {
    return admin
        .get(port, HOST, "/_emulator/stats")
        .send()
        .map(response -> response.bodyAsJsonObject())
        .compose(
            stats ->
                stats.getLong("openConnections") == 1 || attemptsLeft == 0
                    ? Future.succeededFuture(stats)
                    : vertx.timer(100).compose(v -> statsOnceClosed(vertx, admin, attemptsLeft - 1)));
  }
}
