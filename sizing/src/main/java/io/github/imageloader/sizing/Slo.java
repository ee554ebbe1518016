package io.github.imageloader.sizing;

import io.vertx.core.json.JsonObject;

/**
 * What "holds" means: p95 latency at most {@code p95Ms}, failed requests at most {@code maxErrorRate} (a
 * fraction), and CPU at most {@code maxCpuPercent} of what the unit may use (90 = 90 % of its --cpus).
 */
public record Slo(double p95Ms, double maxErrorRate, double maxCpuPercent) {

  public static final Slo DEFAULT = new Slo(1000, 0.001, 90);

  public Slo {
    if (!(p95Ms > 0) || !(maxErrorRate >= 0 && maxErrorRate <= 1) || !(maxCpuPercent > 0 && maxCpuPercent <= 100)) {
      throw new IllegalArgumentException("SLO needs p95 > 0 ms, an error rate in [0, 1] and a CPU limit in (0, 100] %, got "
        + p95Ms + " ms, " + maxErrorRate + ", " + maxCpuPercent + " %");
    }
  }

  public String describe() {
    return String.format("p95 ≤ %s ms, errors ≤ %s %%, CPU ≤ %s %% of the unit", Format.number(p95Ms),
      Format.number(maxErrorRate * 100), Format.number(maxCpuPercent));
  }

  JsonObject toJson() {
    return new JsonObject().put("p95Ms", p95Ms).put("maxErrorRate", maxErrorRate).put("maxCpuPercent", maxCpuPercent);
  }

  static Slo fromJson(JsonObject json) {
    return new Slo(json.getDouble("p95Ms"), json.getDouble("maxErrorRate"), json.getDouble("maxCpuPercent"));
  }
}
