package io.github.imageloader.sizing;

import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * How the sizing decides that a fresh unit is warm before it measures, instead of trusting a fixed warm-up: the
 * warm-up load runs in windows of {@code windowS}, and the unit is warm once, at least {@code minimumS} in, the CPU
 * it spent per batch in the last two windows agrees within {@code tolerance} (a JVM still compiling spends CPU on
 * the JIT and runs slower code, so its CPU per batch falls window after window until it is warm). Gives up at
 * {@code limitS}. {@code windowS} 0 turns the check off: a fixed warm-up of {@code minimumS}.
 */
record WarmupCheck(int minimumS, int windowS, double tolerance, int limitS) {

  WarmupCheck {
    if (minimumS < 0 || windowS < 0 || !(tolerance > 0) || limitS < 0) {
      throw new IllegalArgumentException("warm-up seconds must not be negative and the tolerance must be positive");
    }
  }

  /** One window of the warm-up: batches the units served, CPU they spent per batch, their mean batch latency. */
  record Window(double endS, long batches, double cpuMsPerBatch, double meanMs) {

    /** Between two scrapes of the units' batch histogram, with the CPU samples taken in between. */
    static Window of(double endS, ResourceSampler.BatchSnapshot from, ResourceSampler.BatchSnapshot to, List<Sample> samples) {
      long batches = Math.round(to.count() - from.count());
      // a sample's CPU % covers the second before it: % of one vCPU × 10 = ms of CPU
      double cpuMs = samples.stream().filter(s -> s.epochMs() > from.epochMs() && s.epochMs() <= to.epochMs())
        .mapToDouble(s -> s.cpuPercent() * 10).sum();
      return new Window(endS, batches, batches == 0 ? Double.NaN : cpuMs / batches,
        batches == 0 ? Double.NaN : (to.sumSeconds() - from.sumSeconds()) * 1000 / batches);
    }

    JsonObject toJson() {
      return new JsonObject().put("endS", endS).put("batches", batches).put("cpuMsPerBatch", JsonNumbers.write(round(cpuMsPerBatch)))
        .put("meanMs", JsonNumbers.write(round(meanMs)));
    }

    static Window fromJson(JsonObject json) {
      return new Window(json.getDouble("endS"), json.getLong("batches"), JsonNumbers.read(json, "cpuMsPerBatch"),
        JsonNumbers.read(json, "meanMs"));
    }

    private static double round(double value) {
      return Double.isNaN(value) ? value : Math.round(value * 10) / 10.0;
    }
  }

  boolean fixed() {
    return windowS == 0;
  }

  /** Seconds after which the warm-up stops whatever the windows say. */
  int maximumS() {
    return fixed() ? minimumS : Math.max(minimumS, limitS);
  }

  /** Whether the windows so far say the unit is warm. */
  boolean warm(List<Window> windows) {
    if (fixed() || windows.size() < 2) {
      return false;
    }
    Window last = windows.get(windows.size() - 1);
    Window before = windows.get(windows.size() - 2);
    return last.endS() >= minimumS && agree(before.cpuMsPerBatch(), last.cpuMsPerBatch());
  }

  private boolean agree(double a, double b) {
    return !Double.isNaN(a) && !Double.isNaN(b) && Math.abs(a - b) <= tolerance * Math.max(a, b);
  }

  JsonObject toJson() {
    return new JsonObject().put("minimumS", minimumS).put("windowS", windowS).put("tolerance", tolerance).put("limitS", limitS);
  }

  static WarmupCheck fromJson(JsonObject json) {
    return new WarmupCheck(json.getInteger("minimumS"), json.getInteger("windowS"), json.getDouble("tolerance"), json.getInteger("limitS"));
  }
}
