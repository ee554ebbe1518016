package io.github.imageloader.app;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
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
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node as {@code scripts/run} starts it with no configuration: dev mode, embedded emulator with the
 * generated sample images, loader and api in one process, metrics on. Only ports and the data directory
 * are overridden so the test can run anywhere.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevModeNodeTest {

  Path dataDir;

  Vertx vertx;
  ImageLoaderNode node;
  WebClient client;

  @BeforeAll
  void start(Vertx bootstrap, @TempDir Path tempDir) throws Exception {
    dataDir = tempDir;
    JsonObject overrides = new JsonObject()
      .put("HTTP_HOST", "127.0.0.1")
      .put("HTTP_PORT", 0)
      .put("EMULATOR_PORT", 0)
      .put("EMULATOR_DATA_DIR", dataDir.toString());
    // As Main does: the configuration first, then the node's own Vert.x with metrics, from outside any Vert.x context.
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
  void defaultsComeFromConfDefaultJson() {
    JsonObject config = node.config();
    assertThat(config.getString("MODE")).isEqualTo("dev");
    assertThat(config.getString("GCS_BUCKET")).isEqualTo("my-bucket1008");
    assertThat(config.getString("STORAGE_EMULATOR_HOST")).isEqualTo("127.0.0.1:" + node.emulatorPort());
    assertThat(config.containsKey("PATH")).as("unrelated environment stays out").isFalse();
  }

  @Test
  void generatesTheStudysSampleImages() throws Exception {
    Path folder = dataDir.resolve("my-bucket1008/test-images");
    try (var files = Files.list(folder)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.matches("image_\\d{3}\\.jpg")).count())
        .isEqualTo(100);
    }
  }

  @Test
  void servesFortyImagesAndRecordsHistograms(VertxTestContext ctx) {
    String query = IntStream.rangeClosed(1, 40).mapToObj(i -> String.format("file_names=image_%03d.jpg", i))
      .collect(Collectors.joining("&"));
    client.get(node.httpPort(), "127.0.0.1", "/images?" + query).send()
      .compose(response -> {
        ctx.verify(() -> {
          assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
          assertThat(response.bodyAsJsonObject().getInteger("count")).isEqualTo(40);
          assertThat(response.bodyAsJsonObject().getLong("bytes")).isGreaterThan(40 * 100_000L);
        });
        return client.get(node.httpPort(), "127.0.0.1", "/metrics").send();
      })
      .onComplete(ctx.succeeding(metrics -> ctx.verify(() -> {
        String text = metrics.bodyAsString();
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(text).contains("imageloader_batch_seconds_bucket{endpoint=\"images\"");
        assertThat(text).contains("imageloader_image_load_seconds_bucket{");
        assertThat(text).contains("vertx_http_server_requests_total");
        assertThat(text).contains("vertx_http_client_requests_total");
        // off by default (METRICS_DISABLED_DOMAINS): one message per image, counted again by imageloader_image_load
        assertThat(text).doesNotContain("vertx_eventbus_");
        ctx.completeNow();
      })));
  }

  /**
   * Every metric the Grafana dashboard queries is one this node exports, once it has served a batch, retried
   * storage and collected garbage (series that appear on their first event).
   */
  @Test
  void everyMetricTheDashboardQueriesIsExported() throws Exception {
    JsonObject dashboard = new JsonObject(Files.readString(NodeProcess.REPO.resolve("deploy/grafana/image-batch-loader.json")));
    Set<String> queried = DashboardQueries.metricNames(dashboard);
    assertThat(queried).as("metrics the dashboard queries").contains("imageloader_batch_seconds_bucket", "jvm_memory_used_bytes");
    // Storage answering 503 a quarter of the time: retries (40 images: none with odds of 1e-5), and with 8 attempts
    // still a 200 (every attempt of an image failing: 40 x 0.25^8, under 1e-3). A missing image fails its job.
    WebClient emulator = WebClient.create(vertx);
    assertThat(emulator.put(node.emulatorPort(), "127.0.0.1", "/_emulator/faults")
      .sendJsonObject(new JsonObject().put("errorRate", 0.25).put("errorStatuses", new JsonArray().add(503))).await().statusCode())
      .isEqualTo(200);
    try {
      String query = IntStream.rangeClosed(1, 40).mapToObj(i -> String.format("file_names=image_%03d.jpg", i))
        .collect(Collectors.joining("&"));
      assertThat(client.get(node.httpPort(), "127.0.0.1", "/images?" + query).send().await().statusCode()).isEqualTo(200);
    } finally {
      emulator.delete(node.emulatorPort(), "127.0.0.1", "/_emulator/faults").send().await();
    }
    assertThat(client.get(node.httpPort(), "127.0.0.1", "/images?file_names=no_such_image.jpg").send().await().statusCode())
      .isEqualTo(404);
    System.gc();
    String metrics = client.get(node.httpPort(), "127.0.0.1", "/metrics").send().await().bodyAsString();
    assertThat(DashboardQueries.exported(metrics)).as("metrics this node exports").containsAll(queried);
  }

  @Test
  void theDashboardQueryParserFindsMetricNamesOnly() {
    // So that the check above can fail: a metric the node does not have is named, functions and labels are not.
    assertThat(DashboardQueries.metricNames("histogram_quantile(0.95, sum by (le, endpoint) (rate(imageloader_batch_seconds_bucket"
      + "{instance=~\"$instance\", status!=\"200\"}[$__rate_interval]))) / ignoring(x) no_such_metric_total offset 5m"))
      .containsExactly("imageloader_batch_seconds_bucket", "no_such_metric_total");
  }

  @Test
  void healthAndReadiness(VertxTestContext ctx) {
    client.get(node.httpPort(), "127.0.0.1", "/health").send()
      .compose(health -> {
        ctx.verify(() -> assertThat(health.statusCode()).isEqualTo(200));
        return client.get(node.httpPort(), "127.0.0.1", "/ready").send();
      })
      .onComplete(ctx.succeeding(ready -> ctx.verify(() -> {
        assertThat(ready.statusCode()).as(ready.bodyAsString()).isEqualTo(200);
        ctx.completeNow();
      })));
  }
}
