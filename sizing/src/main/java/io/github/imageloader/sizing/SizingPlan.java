package io.github.imageloader.sizing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * What one sizing run does: {@code units} units of {@code unit} (independent nodes, the VUs spread evenly
 * over them), the VU {@code steps} each measured {@code repeats} times (the whole ladder walked up once per
 * repeat), every step preceded by {@code warmupS} of the same load that is not measured, and the first by
 * {@code firstWarmupS} more for the fresh JVM. The workload is the study's (batches of {@code batchMin}–
 * {@code batchMax} images, think {@code thinkMinS}–{@code thinkMaxS} s) against an emulator outside the unit
 * with {@code latencyMs} ± {@code jitterMs} first-byte latency. {@code predictedVus} (validation runs) is
 * the capacity a sizing predicted for these units.
 */
public record SizingPlan(UnitSpec unit, int units, List<Integer> steps, int repeats, int warmupS, int measureS,
                         int firstWarmupS, Slo slo, Prices prices, int targetVus, double headroom,
                         int latencyMs, int jitterMs, double thinkMinS, double thinkMaxS, int batchMin, int batchMax,
                         Double predictedVus) {

  public SizingPlan {
    steps = List.copyOf(steps);
    if (units < 1 || repeats < 1 || measureS < 1 || warmupS < 0 || firstWarmupS < 0 || targetVus < 1) {
      throw new IllegalArgumentException("units, repeats, measure seconds and target VUs must be at least 1; warm-ups not negative");
    }
    if (steps.isEmpty() || steps.stream().anyMatch(s -> s < 1)) {
      throw new IllegalArgumentException("steps must be VU counts of at least 1, got " + steps);
    }
    if (!(headroom >= 0 && headroom < 1)) {
      throw new IllegalArgumentException("headroom must be in [0, 1), got " + headroom);
    }
  }

  /** Seconds of load the plan runs (not counting start-up). */
  public int loadSeconds() {
    return firstWarmupS + steps.size() * repeats * (warmupS + measureS);
  }

  JsonObject toJson() {
    JsonObject json = new JsonObject()
      .put("unit", new JsonObject().put("cpus", unit.cpus()).put("memoryMb", unit.memoryMb()))
      .put("units", units).put("steps", new JsonArray(steps)).put("repeats", repeats)
      .put("warmupS", warmupS).put("measureS", measureS).put("firstWarmupS", firstWarmupS)
      .put("slo", slo.toJson()).put("prices", prices.toJson()).put("targetVus", targetVus).put("headroom", headroom)
      .put("latencyMs", latencyMs).put("jitterMs", jitterMs).put("thinkMinS", thinkMinS).put("thinkMaxS", thinkMaxS)
      .put("batchMin", batchMin).put("batchMax", batchMax);
    if (predictedVus != null) {
      json.put("predictedVus", predictedVus);
    }
    return json;
  }

  static SizingPlan fromJson(JsonObject json) {
    JsonObject unit = json.getJsonObject("unit");
    return new SizingPlan(new UnitSpec(unit.getDouble("cpus"), unit.getLong("memoryMb")), json.getInteger("units"),
      json.getJsonArray("steps").stream().map(v -> ((Number) v).intValue()).toList(), json.getInteger("repeats"),
      json.getInteger("warmupS"), json.getInteger("measureS"), json.getInteger("firstWarmupS"),
      Slo.fromJson(json.getJsonObject("slo")), Prices.fromJson(json.getJsonObject("prices")), json.getInteger("targetVus"),
      json.getDouble("headroom"), json.getInteger("latencyMs"), json.getInteger("jitterMs"), json.getDouble("thinkMinS"),
      json.getDouble("thinkMaxS"), json.getInteger("batchMin"), json.getInteger("batchMax"), json.getDouble("predictedVus"));
  }
}
