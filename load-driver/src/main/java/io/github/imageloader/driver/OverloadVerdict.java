package io.github.imageloader.driver;

import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Judges a stepped run that goes past saturation (the driver's result: it records 2xx and 503 latencies apart):
 * the capacity is the highest step answered without a failure at p95 within the SLO; at every step from twice
 * the capacity on, the rate of successful batches stays at least {@code minShare} of the best step's; successful
 * batches keep p95 within the SLO at every step; no batch is answered 504; and sheds (503) come fast.
 */
final class OverloadVerdict {

  private OverloadVerdict() {
  }

  static Verdict judge(JsonObject result, double sloP95Ms, double minShare, double shedP95Ms) {
    List<String> findings = new ArrayList<>();
    List<JsonObject> steps = result.getJsonArray("steps").stream().map(JsonObject.class::cast).toList();
    double peak = 0;
    int capacityVus = 0;
    findings.add("   VUs  requests   ok/s  ok p95 ms  503s  503 p95 ms  504s  other failed");
    for (JsonObject step : steps) {
      double ok = okPerSecond(step);
      peak = Math.max(peak, ok);
      if (step.getLong("failures") == 0 && step.getJsonObject("latencyMs").getDouble("p95") <= sloP95Ms) {
        capacityVus = Math.max(capacityVus, step.getInteger("vus"));
      }
      findings.add(String.format("  %5d  %8d  %5.1f  %9.0f  %4d  %10.0f  %4d  %d", step.getInteger("vus"), step.getLong("requests"), ok,
        p95(step, "okLatencyMs"), count(step, "503"), p95(step, "shedLatencyMs"), count(step, "504"),
        step.getLong("failures") - count(step, "503") - count(step, "504")));
    }
    boolean passed = capacityVus > 0;
    findings.add(mark(capacityVus > 0) + "capacity (no failure, p95 <= " + (int) sloP95Ms + " ms): " + capacityVus
      + " VUs; best rate of successful batches " + String.format("%.1f/s", peak));
    for (JsonObject step : steps) {
      int vus = step.getInteger("vus");
      double ok = okPerSecond(step);
      double okP95 = p95(step, "okLatencyMs");
      boolean slo = Double.isNaN(okP95) || okP95 <= sloP95Ms;
      boolean shedFast = Double.isNaN(p95(step, "shedLatencyMs")) || p95(step, "shedLatencyMs") <= shedP95Ms;
      passed &= slo && shedFast && count(step, "504") == 0;
      if (capacityVus > 0 && vus >= 2 * capacityVus) {
        boolean holds = ok >= minShare * peak;
        passed &= holds;
        findings.add(mark(holds) + String.format("%d VUs (%.1fx capacity): %.1f successful batches/s = %.0f %% of the best (at least %.0f %%)",
          vus, (double) vus / capacityVus, ok, 100 * ok / peak, 100 * minShare));
      }
      if (!slo || !shedFast) {
        findings.add(mark(false) + vus + " VUs: successful p95 " + Math.round(okP95) + " ms, 503 p95 "
          + Math.round(p95(step, "shedLatencyMs")) + " ms");
      }
    }
    long timeouts = steps.stream().mapToLong(step -> count(step, "504")).sum();
    findings.add(mark(timeouts == 0) + "504 answers: " + timeouts);
    findings.add(mark(true) + "successful p95 <= " + (int) sloP95Ms + " ms and 503 p95 <= " + (int) shedP95Ms
      + " ms at every step: " + (passed ? "yes" : "see above"));
    return new Verdict("overload", passed, findings);
  }

  private static double okPerSecond(JsonObject step) {
    long requests = step.getLong("requests");
    return requests == 0 ? 0 : step.getDouble("rps") * count(step, "200") / requests;
  }

  private static long count(JsonObject step, String status) {
    return step.getJsonObject("statusCodes").getLong(status, 0L);
  }

  private static double p95(JsonObject step, String key) {
    JsonObject latency = step.getJsonObject(key);
    return latency == null || !latency.containsKey("p95") ? Double.NaN : latency.getDouble("p95");
  }

  private static String mark(boolean ok) {
    return SpikeVerdict.mark(ok);
  }
}
