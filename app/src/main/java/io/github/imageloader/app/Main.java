package io.github.imageloader.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

import static io.github.imageloader.contract.ConfigValues.bool;
import static io.github.imageloader.contract.ConfigValues.string;

/** Starts one node from {@code conf/default.json}, the environment and system properties. */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  private static final long SHUTDOWN_TIMEOUT_MS = 10_000;

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
    return createVertx(config).compose(vertx -> {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> closeWithin(vertx, SHUTDOWN_TIMEOUT_MS), "node-shutdown"));
      return ImageLoaderNode.start(vertx, config);
    });
  }

  /**
   * Closes Vert.x (undeploying the verticles, leaving the cluster) but never holds the JVM longer than
   * {@code timeoutMs}: a close that does not finish must not leave a process that ignores SIGTERM.
   */
  private static void closeWithin(Vertx vertx, long timeoutMs) {
    try {
      vertx.close().await(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      LOG.warn("Shutdown did not finish within {} ms ({}); exiting anyway", timeoutMs, e.toString());
    }
  }

  /** A plain Vert.x, or with {@code CLUSTERED=true} one that joins the Hazelcast cluster. */
  static Future<Vertx> createVertx(JsonObject config) {
    VertxOptions options = vertxOptions(config);
    if (!bool(config, "CLUSTERED", false)) {
      return Future.succeededFuture(Vertx.vertx(options));
    }
    // Unset, the event bus listens where Hazelcast does (cluster.xml pins that to 127.0.0.1 for local runs).
    String host = string(config, "CLUSTER_HOST", "");
    if (!host.isEmpty()) {
      options.getEventBusOptions().setHost(host);
    }
    return Vertx.builder().with(options).withClusterManager(ClusterSettings.clusterManager(config)).buildClustered();
  }

  static VertxOptions vertxOptions(JsonObject config) {
    VertxOptions options = new VertxOptions();
    if (bool(config, "METRICS_ENABLED", true)) {
      options.setMetricsOptions(new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
    }
    return options;
  }
}
