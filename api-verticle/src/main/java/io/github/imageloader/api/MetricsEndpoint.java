package io.github.imageloader.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.micrometer.backends.BackendRegistries;

/** {@code GET /metrics}: Prometheus text when the node runs with metrics, a JSON 404 when it does not. */
final class MetricsEndpoint {

  private MetricsEndpoint() {
  }

  static Handler<RoutingContext> handler() {
    if (BackendRegistries.getDefaultNow() instanceof PrometheusMeterRegistry) {
      return PrometheusScrapingHandler.create();
    }
    return ctx -> ctx.fail(new ApiError(404, "metrics_disabled", "metrics are disabled on this node (METRICS_ENABLED=false)", null));
  }
}
