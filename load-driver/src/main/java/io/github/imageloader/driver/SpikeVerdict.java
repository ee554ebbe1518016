package io.github.imageloader.driver;

import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Judges a spike run (k6 or driver result): no 5xx except 503 (deliberate shedding) and no request left
 * without a response, and p95 back to its pre-spike level within 30 s of the spike's end — read from the
 * steps {@code recover-10s}, {@code recover-20s} and {@code recover-30s} that k6/scenarios.json defines
 * after the drop, each judged against the {@code before} step's p95 times {@code tolerance} (and without a
 * failed request: a step still shedding is not recovered, however fast its 503s).
 */
final class SpikeVerdict {

  static final String BASELINE_STEP = "before";
  static final List<String> RECOVERY_STEPS = List.of("recover-10s", "recover-20s", "recover-30s");

  private SpikeVerdict() {
  }

  static Verdict judge(JsonObject result, double tolerance) {
    List<String> findings = new ArrayList<>();
    boolean passed = true;
    JsonObject statuses = result.getJsonObject("overall").getJsonObject("statusCodes");
    long shed = 0;
    long bad = 0;
    for (Map.Entry<String, Object> entry : statuses) {
      long count = ((Number) entry.getValue()).longValue();
      String code = entry.getKey();
      if (code.equals("503")) {
        shed += count;
      } else if (code.equals("0") || code.equals("other") || code.startsWith("5")) {
        bad += count;
      }
    }
    passed &= bad == 0;
    findings.add(mark(bad == 0) + "5xx other than 503, or no response: " + bad + " (503 shed: " + shed + ") of "
      + result.getJsonObject("overall").getLong("requests") + " requests; " + statuses.encode());

    JsonObject baseline = step(result, BASELINE_STEP);
    double baseP95 = baseline.getJsonObject("latencyMs").getDouble("p95");
    double limit = baseP95 * tolerance;
    String recoveredIn = null;
    for (String name : RECOVERY_STEPS) {
      JsonObject step = step(result, name);
      double p95 = step.getJsonObject("latencyMs").getDouble("p95");
      // A step still shedding answers fast 503s, which would pull its p95 down: recovered means no failure too.
      boolean back = step.getLong("requests") > 0 && step.getLong("failures") == 0 && p95 <= limit;
      findings.add(String.format("  %-12s p95 %.0f ms over %d requests, %d failed%s", name, p95, step.getLong("requests"),
        step.getLong("failures"), back ? " (back at the pre-spike level)" : ""));
      if (back && recoveredIn == null) {
        recoveredIn = name;
      }
    }
    passed &= recoveredIn != null;
    findings.add(mark(recoveredIn != null) + String.format("p95 back to the pre-spike level (%.0f ms x %.2f = %.0f ms) within 30 s: %s",
      baseP95, tolerance, limit, recoveredIn == null ? "no" : "yes, by the end of " + recoveredIn));
    return new Verdict("spike", passed, findings);
  }

  static JsonObject step(JsonObject result, String name) {
    return result.getJsonArray("steps").stream().map(JsonObject.class::cast)
      .filter(step -> name.equals(step.getString("name"))).findFirst()
      .orElseThrow(() -> new IllegalArgumentException("the result has no step '" + name
        + "'; a spike run needs the steps of k6/scenarios.json's spike scenario"));
  }

  static String mark(boolean ok) {
    return ok ? "✓ " : "✗ ";
  }
}
