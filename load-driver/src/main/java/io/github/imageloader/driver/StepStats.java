package io.github.imageloader.driver;

import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.TreeMap;

/**
 * Latency and outcome counts for one step (or the whole run). Latencies go into an HdrHistogram in
 * microseconds, so percentiles are exact to three significant digits whatever the run's length.
 * Failures follow k6's {@code http_req_failed}: no response, or a status outside 200–399.
 */
final class StepStats {

  private final Histogram latencyMicros = new Histogram(1, 10L * 60 * 1_000_000, 3);
  /** Successful answers apart, and 503s (deliberate shedding) apart: past saturation they tell different stories. */
  private final Histogram okMicros = new Histogram(1, 10L * 60 * 1_000_000, 3);
  private final Histogram shedMicros = new Histogram(1, 10L * 60 * 1_000_000, 3);
  private final Map<String, Long> statusCodes = new TreeMap<>();
  private long requests;
  private long failures;

  void record(int status, long latencyNanos) {
    long micros = Math.max(1, Math.min(latencyNanos / 1_000, latencyMicros.getHighestTrackableValue()));
    latencyMicros.recordValue(micros);
    if (status >= 200 && status < 300) {
      okMicros.recordValue(micros);
    } else if (status == 503) {
      shedMicros.recordValue(micros);
    }
    requests++;
    if (status < 200 || status >= 400) {
      failures++;
    }
    statusCodes.merge(Integer.toString(status), 1L, Long::sum);
  }

  long requests() {
    return requests;
  }

  long failures() {
    return failures;
  }

  double failureRate() {
    return requests == 0 ? 0 : (double) failures / requests;
  }

  double avgMs() {
    return requests == 0 ? 0 : latencyMicros.getMean() / 1_000;
  }

  double minMs() {
    return requests == 0 ? 0 : latencyMicros.getMinValue() / 1_000.0;
  }

  double maxMs() {
    return requests == 0 ? 0 : latencyMicros.getMaxValue() / 1_000.0;
  }

  double percentileMs(double percentile) {
    return requests == 0 ? 0 : latencyMicros.getValueAtPercentile(percentile) / 1_000.0;
  }

  /** The schema's {@code stats} object; {@code seconds} is the window the rate is taken over. */
  JsonObject toJson(double seconds) {
    JsonObject codes = new JsonObject();
    statusCodes.forEach(codes::put);
    return new JsonObject()
      .put("requests", requests)
      .put("failures", failures)
      .put("failureRate", failureRate())
      .put("rps", seconds <= 0 ? 0 : requests / seconds)
      .put("latencyMs", new JsonObject()
        .put("avg", round(avgMs()))
        .put("min", round(minMs()))
        .put("p50", round(percentileMs(50)))
        .put("p90", round(percentileMs(90)))
        .put("p95", round(percentileMs(95)))
        .put("p99", round(percentileMs(99)))
        .put("max", round(maxMs())))
      .put("statusCodes", codes)
      .put("okLatencyMs", percentiles(okMicros))
      .put("shedLatencyMs", percentiles(shedMicros));
  }

  /** p50/p95/p99 of one kind of answer, or an empty object when there was none. */
  private static JsonObject percentiles(Histogram micros) {
    JsonObject json = new JsonObject();
    if (micros.getTotalCount() > 0) {
      json.put("p50", round(micros.getValueAtPercentile(50) / 1_000.0))
        .put("p95", round(micros.getValueAtPercentile(95) / 1_000.0))
        .put("p99", round(micros.getValueAtPercentile(99) / 1_000.0));
    }
    return json;
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
