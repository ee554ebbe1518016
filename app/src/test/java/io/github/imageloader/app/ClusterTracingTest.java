package io.github.imageloader.app;

import io.github.imageloader.emulator.GcsEmulatorVerticle;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.tracing.opentelemetry.OpenTelemetryTracingFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tracing across a real three-node Hazelcast cluster (an api node, two loader nodes, each its own clustered
 * Vert.x with its own tracer; storage from the emulator over HTTP): one batch of 10 images is one trace, with
 * the api's server span (holding the request id), 10 job spans on the loader nodes (continued from the W3C
 * context the event bus carried), and at least 10 storage spans, every span linked to its parent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterTracingTest {

  private static final AttributeKey<String> NODE = AttributeKey.stringKey("node");
  /** What the api's RequestIds sets on the request's span. */
  private static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("request.id");

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final List<Vertx> vertxes = new ArrayList<>();
  private final List<ImageLoaderNode> nodes = new ArrayList<>();
  private Vertx vertx;
  private WebClient client;

  @BeforeAll
  void startCluster(@TempDir Path dataDir) throws Exception {
    vertx = Vertx.vertx();
    client = WebClient.create(vertx);
    Path images = dataDir.resolve("my-bucket1008/test-images");
    Files.createDirectories(images);
    Random random = new Random(5);
    for (int i = 1; i <= 10; i++) {
      byte[] bytes = new byte[2_000 + random.nextInt(8_000)];
      random.nextBytes(bytes);
      Files.write(images.resolve(String.format("image_%03d.jpg", i)), bytes);
    }
    GcsEmulatorVerticle emulator = new GcsEmulatorVerticle();
    vertx.deployVerticle(emulator, new DeploymentOptions().setConfig(new JsonObject().put("port", 0).put("dataDir", dataDir.toString())))
      .await();
    JsonObject cluster = new JsonObject()
      .put("CLUSTERED", true)
      .put("CLUSTER_NAME", "tracing-test-" + UUID.randomUUID())
      .put("CLUSTER_CONFIG", NodeProcess.REPO.resolve("cluster.xml").toString())
      .put("MODE", "prod")
      .put("STORAGE_EMULATOR_HOST", "127.0.0.1:" + emulator.actualPort())
      .put("HTTP_HOST", "127.0.0.1")
      .put("HTTP_PORT", 0)
      .put("WARMUP_BATCHES", 0)
      .put("METRICS_ENABLED", false);
    for (String[] node : List.of(new String[] {"api", "api"}, new String[] {"loader-1", "loader"}, new String[] {"loader-2", "loader"})) {
      JsonObject config = NodeConfig.load(vertx, cluster.copy().put("ROLES", node[1])).await();
      Vertx nodeVertx = Main.createVertx(config, new OpenTelemetryTracingFactory(tracer(node[0]))).await();
      vertxes.add(nodeVertx);
      nodes.add(ImageLoaderNode.start(nodeVertx, config).await());
    }
    // Both loader nodes' consumers are known to the api node once each has answered it: round-robin reaches both.
    for (int i = 0; i < 20 && client.get(api().httpPort(), "127.0.0.1", "/ready").send().await().statusCode() != 200; i++) {
      Thread.sleep(250);
    }
  }

  /** A node's own tracer provider, its spans marked with the node's name, exported to the test's memory. */
  private OpenTelemetrySdk tracer(String node) {
    return OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder()
        .setResource(Resource.create(Attributes.of(NODE, node)))
        .addSpanProcessor(SimpleSpanProcessor.create(spans))
        .build())
      .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
      .build();
  }

  private ImageLoaderNode api() {
    return nodes.get(0);
  }

  @AfterAll
  void stopCluster() {
    for (Vertx nodeVertx : vertxes) {
      nodeVertx.close().await();
    }
    vertx.close().await();
  }

  @Test
  void oneBatchAcrossThreeNodesIsOneConnectedTrace() throws Exception {
    spans.reset();
    String query = IntStream.rangeClosed(1, 10).mapToObj(i -> String.format("file_names=image_%03d.jpg", i)).collect(Collectors.joining("&"));
    HttpResponse<Buffer> response = client.get(api().httpPort(), "127.0.0.1", "/images?" + query)
      .putHeader("X-Request-Id", "traced-batch-1").send().await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    // The server span ends as the response is written, on the api node's event loop: wait for it to be exported.
    List<SpanData> all = spans.getFinishedSpanItems();
    for (int i = 0; i < 50 && all.stream().noneMatch(ClusterTracingTest::isTheBatch); i++) {
      Thread.sleep(100);
      all = spans.getFinishedSpanItems();
    }
    SpanData server = all.stream().filter(ClusterTracingTest::isTheBatch).findFirst()
      .orElseThrow(() -> new AssertionError("no server span on the api node with request.id traced-batch-1 among "
        + spans.getFinishedSpanItems().stream().map(s -> node(s) + " " + s.getKind() + " " + s.getName() + " " + s.getAttributes()).toList()));
    List<SpanData> trace = all.stream().filter(s -> s.getTraceId().equals(server.getTraceId())).toList();

    List<SpanData> jobs = trace.stream().filter(s -> node(s).startsWith("loader") && s.getKind() != SpanKind.CLIENT).toList();
    assertThat(jobs).as("job spans on the loader nodes").hasSize(10);
    assertThat(jobs.stream().map(ClusterTracingTest::node).collect(Collectors.toSet())).as("loader nodes with jobs")
      .containsExactlyInAnyOrder("loader-1", "loader-2");
    Set<String> jobIds = jobs.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
    List<SpanData> storage = trace.stream().filter(s -> node(s).startsWith("loader") && s.getKind() == SpanKind.CLIENT).toList();
    assertThat(storage).as("storage spans").hasSizeGreaterThanOrEqualTo(10)
      .allSatisfy(s -> assertThat(jobIds).as("a storage span's parent is a job span").contains(s.getParentSpanId()));

    // Linked: every span but the server span has its parent in the trace, and the server span is the root.
    Map<String, SpanData> byId = trace.stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
    assertThat(server.getParentSpanContext().isValid()).isFalse();
    assertThat(trace).filteredOn(s -> s != server)
      .allSatisfy(s -> assertThat(byId).as("parent of %s on %s", s.getName(), node(s)).containsKey(s.getParentSpanId()));
    for (SpanData job : jobs) {
      SpanData send = byId.get(job.getParentSpanId());
      assertThat(node(send)).as("a job's parent is the api's send").isEqualTo("api");
      assertThat(send.getParentSpanId()).isEqualTo(server.getSpanId());
    }
  }

  private static boolean isTheBatch(SpanData span) {
    return span.getKind() == SpanKind.SERVER && node(span).equals("api")
      && "traced-batch-1".equals(span.getAttributes().get(REQUEST_ID));
  }

  private static String node(SpanData span) {
    return span.getResource().getAttribute(NODE);
  }
}
