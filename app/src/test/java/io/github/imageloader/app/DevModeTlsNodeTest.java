package io.github.imageloader.app;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dev mode with {@code EMULATOR_TLS}: the embedded emulator generates a dev CA and certificate on first start, serves
 * the storage API over HTTPS beside plain HTTP, and the loaders reach it over HTTPS trusting that CA.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevModeTlsNodeTest {

  Path dir;
  Vertx vertx;
  ImageLoaderNode node;
  WebClient client;

  @BeforeAll
  void start(Vertx bootstrap, @TempDir Path tempDir) throws Exception {
    dir = tempDir;
    // A few objects where the samples go, so the node does not spend seconds generating the hundred JPEGs.
    Path images = Files.createDirectories(dir.resolve("gcs/my-bucket1008/test-images"));
    Random random = new Random(7);
    for (int i = 1; i <= 3; i++) {
      byte[] bytes = new byte[20_000];
      random.nextBytes(bytes);
      Files.write(images.resolve(String.format("image_%03d.jpg", i)), bytes);
    }
    JsonObject overrides = new JsonObject()
      .put("HTTP_HOST", "127.0.0.1")
      .put("HTTP_PORT", 0)
      .put("EMULATOR_PORT", 0)
      .put("EMULATOR_DATA_DIR", dir.resolve("gcs").toString())
      .put("EMULATOR_SIGNING_KEY_FILE", dir.resolve("signer.json").toString())
      .put("EMULATOR_TLS", true)
      .put("EMULATOR_TLS_PORT", 0)
      .put("EMULATOR_TLS_CERT_FILE", dir.resolve("tls/storage.pem").toString())
      .put("EMULATOR_TLS_KEY_FILE", dir.resolve("tls/storage.key").toString())
      .put("EMULATOR_TLS_CA_FILE", dir.resolve("tls/ca.pem").toString())
      .put("WARMUP_BATCHES", 2);
    JsonObject config = NodeConfig.load(bootstrap, overrides).await();
    vertx = Vertx.vertx(Main.vertxOptions(config));
    client = WebClient.create(vertx);
    node = ImageLoaderNode.start(vertx, config).await();
  }

  @AfterAll
  void stop(VertxTestContext ctx) {
    vertx.close().onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void generatesADevCaAndPointsTheLoadersAtHttps() throws Exception {
    JsonObject config = node.config();
    assertThat(node.emulatorTlsPort()).isPositive();
    assertThat(config.getString("STORAGE_EMULATOR_HOST")).isEqualTo("https://127.0.0.1:" + node.emulatorTlsPort());
    assertThat(config.getString("STORAGE_CA_FILE")).isEqualTo(dir.resolve("tls/ca.pem").toString());
    assertThat(Files.readString(dir.resolve("tls/ca.pem"))).startsWith("-----BEGIN CERTIFICATE-----");
    String chain = Files.readString(dir.resolve("tls/storage.pem"));
    assertThat(chain.split("-----BEGIN CERTIFICATE-----", -1)).as("the server certificate, then the CA's").hasSize(3);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("tls/storage.key")))).isEqualTo("rw-------");
  }

  @Test
  void loadsABatchOverHttps(VertxTestContext ctx) {
    client.get(node.httpPort(), "127.0.0.1", "/images?file_names=image_001.jpg&file_names=image_002.jpg&file_names=image_003.jpg")
      .send()
      .compose(response -> {
        ctx.verify(() -> assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200));
        return client.get(node.emulatorPort(), "127.0.0.1", "/_emulator/stats").send();
      })
      .onComplete(ctx.succeeding(stats -> ctx.verify(() -> {
        JsonObject counts = stats.bodyAsJsonObject();
        assertThat(counts.getLong("tlsConnections")).as("TLS connections storage accepted").isPositive();
        assertThat(counts.getLong("objectRequests")).isPositive();
        ctx.completeNow();
      })));
  }
}
