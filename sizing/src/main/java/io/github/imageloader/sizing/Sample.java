package io.github.imageloader.sizing;

import io.vertx.core.json.JsonObject;

/**
 * One second of the units' resources, summed over the units: CPU % of one vCPU over the past second
 * (docker stats' CPU %), memory as docker stats shows it (usage less inactive file cache), JVM heap used,
 * and the JVMs' cumulative GC pause time and count (so a window's pauses are a difference). Two figures
 * tell whether the unit or the host was the limit: {@code throttledPercent}, the share of CFS periods in
 * which a unit used up its quota, and {@code hostCpuPercent}, everything the machine ran (100 % = one CPU).
 */
public record Sample(long epochMs, double cpuPercent, double memoryMb, double heapMb, double gcPauseSeconds, long gcPauses,
                     double throttledPercent, double hostCpuPercent) {

  JsonObject toJson() {
    return new JsonObject().put("t", epochMs).put("cpuPercent", tenths(cpuPercent))
      .put("memoryMb", tenths(memoryMb))
      .put("heapMb", tenths(heapMb))
      .put("gcPauseS", gcPauseSeconds).put("gcPauses", gcPauses)
      .put("throttledPercent", tenths(throttledPercent))
      .put("hostCpuPercent", tenths(hostCpuPercent));
  }

  /** Rounded to tenths; an unknown figure (NaN) stays unknown rather than becoming 0. */
  private static Double tenths(double value) {
    return Double.isNaN(value) ? null : JsonNumbers.write(Math.round(value * 10) / 10.0);
  }

  static Sample fromJson(JsonObject json) {
    return new Sample(json.getLong("t"), JsonNumbers.read(json, "cpuPercent"), JsonNumbers.read(json, "memoryMb"),
      JsonNumbers.read(json, "heapMb"),
      json.getDouble("gcPauseS"), json.getLong("gcPauses"), JsonNumbers.read(json, "throttledPercent"),
      JsonNumbers.read(json, "hostCpuPercent"));
  }
}
