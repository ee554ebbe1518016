package io.github.imageloader.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.github.imageloader.contract.ConfigValues.bool;
import static io.github.imageloader.contract.ConfigValues.string;

/** Starts one node from {@code conf/default.json}, the environment and system properties. */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

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
      Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await(), "node-shutdown"));
      return ImageLoaderNode.start(vertx, config);
    });
  }

  /** A plain Vert.x, or with {@code CLUSTERED=true} one that joins the Hazelcast cluster. */
  static Future<Vertx> createVertx(JsonObject config) {
    VertxOptions options = vertxOptions(config);
    if (!bool(config, "CLUSTERED", false)) {
      return Future.succeededFuture(Vertx.vertx(options));
    }
    options.getEventBusOptions().setHost(string(config, "CLUSTER_HOST", "127.0.0.1"));
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
