package io.github.imageloader.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.VertxTracerFactory;
import io.vertx.tracing.opentelemetry.OpenTelemetryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.github.imageloader.contract.ConfigValues.bool;
import static io.github.imageloader.contract.ConfigValues.list;
import static io.github.imageloader.contract.ConfigValues.longValue;
import static io.github.imageloader.contract.ConfigValues.string;

/** Starts one node from {@code conf/default.json}, the environment and system properties. */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  /** Beyond the node's own bounded drain steps: the time given to leave the cluster and close Vert.x. */
  private static final long CLOSE_MARGIN_MS = 10_000;

  private Main() {
  }

  public static void main(String[] args) {
    try {
      // Metrics options are fixed when Vert.x is created, so a short-lived instance reads the configuration first.
      Vertx bootstrap = Vertx.vertx();
      JsonObject config;
      try {
        config = NodeConfig.load(bootstrap, new JsonObject()).await();
      } finally {
        bootstrap.close().await();
      }
      startNode(config).await();
    } catch (Throwable e) {
      LOG.error("Node failed to start: {}", e.getMessage(), e);
      System.exit(1);
    }
  }

  private static Future<ImageLoaderNode> startNode(JsonObject config) {
    // The api drains, then the loaders: two bounded steps, then the cluster is left.
    long shutdownBudgetMs = 2 * longValue(config, "SHUTDOWN_TIMEOUT_MS", 15_000) + CLOSE_MARGIN_MS;
    return createVertx(config).compose(vertx -> {
      AtomicReference<ImageLoaderNode> started = new AtomicReference<>();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stopWithin(vertx, started.get(), shutdownBudgetMs), "node-shutdown"));
      return ImageLoaderNode.start(vertx, config).onSuccess(started::set);
    });
  }

  /**
   * On SIGTERM: drains the node (no request in progress is cut), then closes Vert.x, leaving the cluster,
   * but never holds the JVM longer than {@code timeoutMs}: a stop that does not finish must not leave a
   * process that ignores SIGTERM.
   */
  private static void stopWithin(Vertx vertx, ImageLoaderNode node, long timeoutMs) {
    long giveUpAt = System.currentTimeMillis() + timeoutMs;
    try {
      if (node != null) {
        node.stop().await(timeoutMs, TimeUnit.MILLISECONDS);
      }
    } catch (Exception e) {
      LOG.warn("Draining did not finish within {} ms ({}); closing anyway", timeoutMs, e.toString());
    }
    // Awaited on its own, from this thread: chained onto the node's futures, its completion would be
    // delivered to an event loop that closing has just shut down, and never arrive.
    try {
      vertx.close().await(Math.max(1_000, giveUpAt - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      LOG.warn("Vert.x did not close in time ({}); exiting anyway", e.toString());
    }
  }

  /** A plain Vert.x, or with {@code CLUSTERED=true} one that joins the Hazelcast cluster. */
  static Future<Vertx> createVertx(JsonObject config) {
    return createVertx(config, NodeTracing.tracer(config));
  }

  /** As {@link #createVertx(JsonObject)}, with the given tracer ({@code null}: none), a test's own, say. */
  static Future<Vertx> createVertx(JsonObject config, VertxTracerFactory tracer) {
    VertxOptions options = vertxOptions(config);
    VertxBuilder builder = Vertx.builder();
    if (tracer != null) {
      options.setTracingOptions(new OpenTelemetryOptions());
      builder.withTracer(tracer);
    }
    if (!bool(config, "CLUSTERED", false)) {
      return Future.succeededFuture(builder.with(options).build());
    }
    // Unset, the event bus listens where Hazelcast does (cluster.xml pins that to 127.0.0.1 for local runs).
    String host = string(config, "CLUSTER_HOST", "");
    if (!host.isEmpty()) {
      options.getEventBusOptions().setHost(host);
    }
    HazelcastClusterManager manager = ClusterSettings.clusterManager(config);
    return builder.with(options).withClusterManager(manager).buildClustered()
      .onSuccess(vertx -> {
        // The loaders announce the member they live on; the api fails their jobs over when it leaves.
        config.put("CLUSTER_NODE_ID", manager.getNodeId());
        ClusterDepartures.watch(vertx, manager);
      });
  }

  private static MetricsDomain metricsDomain(String name) {
    try {
      return MetricsDomain.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("METRICS_DISABLED_DOMAINS may hold " + java.util.Arrays.toString(MetricsDomain.values())
        + ", not " + name);
    }
  }

  static VertxOptions vertxOptions(JsonObject config) {
    // epoll where Netty's native library loads (Linux x86-64), NIO elsewhere; the node logs which it got.
    VertxOptions options = new VertxOptions().setPreferNativeTransport(bool(config, "PREFER_NATIVE_TRANSPORT", true));
    if (bool(config, "METRICS_ENABLED", true)) {
      MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
      for (String domain : list(config, "METRICS_DISABLED_DOMAINS", "")) {
        metrics.addDisabledMetricsCategory(metricsDomain(domain));
      }
      options.setMetricsOptions(metrics);
    }
    return options;
  }
}
