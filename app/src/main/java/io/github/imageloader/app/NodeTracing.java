package io.github.imageloader.app;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.VertxTracerFactory;
import io.vertx.tracing.opentelemetry.OpenTelemetryTracingFactory;

import java.util.HashMap;
import java.util.Map;

import static io.github.imageloader.contract.ConfigValues.bool;
import static io.github.imageloader.contract.ConfigValues.string;

/**
 * Tracing with OpenTelemetry, off unless {@code TRACING_ENABLED}: Vert.x's tracer then gives every HTTP request a
 * trace, with spans for the api's handling, each event-bus job (W3C trace context in the message headers, so a
 * loader on another node continues the trace) and each storage request. The SDK reads the standard {@code OTEL_*}
 * variables: {@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_TRACES_SAMPLER} / {@code OTEL_TRACES_SAMPLER_ARG}, ….
 */
final class NodeTracing {

  private NodeTracing() {
  }

  /** The node's tracer, or {@code null} when tracing is off. */
  static VertxTracerFactory tracer(JsonObject config) {
    if (!bool(config, "TRACING_ENABLED", false)) {
      return null;
    }
    // Traces only: the node's metrics are Prometheus's (/metrics), its logs logback's. Both overridable by OTEL_*.
    Map<String, String> defaults = new HashMap<>(Map.of("otel.metrics.exporter", "none", "otel.logs.exporter", "none"));
    String serviceName = string(config, "OTEL_SERVICE_NAME", "");
    if (!serviceName.isEmpty()) {
      defaults.put("otel.service.name", serviceName);
    }
    OpenTelemetry openTelemetry = AutoConfiguredOpenTelemetrySdk.builder()
      .addPropertiesSupplier(() -> defaults)
      .build()
      .getOpenTelemetrySdk();
    return new OpenTelemetryTracingFactory(openTelemetry);
  }
}
