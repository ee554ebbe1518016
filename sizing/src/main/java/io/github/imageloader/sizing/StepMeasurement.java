package io.github.imageloader.sizing;

import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.TreeMap;

/**
 * One measured step (a VU level, one repeat): the load tool's figures for the requests sent in the step's
 * measurement window, and the unit's resources sampled once a second over the same window (summed over
 * the units when there are several). CPU % as docker stats shows it: 100 % is one vCPU busy.
 * {@code throttledPercent}: CFS periods in which the quota ran out; {@code hostCpuPercent}: the whole machine.
 */
public record StepMeasurement(String name, int vus, int repeat, double durationS, long requests, long failures,
                              double tps, double avgMs, double p50Ms, double p95Ms, double p99Ms, double maxMs,
                              Map<String, Long> statusCodes, double cpuPercent, double cpuPercentMax,
                              double memoryMb, double memoryMbMax, double heapMb, double gcPauseMsPerS,
                              long gcPauses, double throttledPercent, double hostCpuPercent, int samples) {

  /** Successful requests per second. */
  public double goodput() {
    return durationS <= 0 ? 0 : (requests - failures) / durationS;
  }

  public double failureRate() {
    return requests == 0 ? 1 : (double) failures / requests;
  }

  /** A step of a load-tool result ({@code k6/result.schema.json} {@code steps[]}), with resources from the samples. */
  static StepMeasurement of(JsonObject step, int vus, int repeat, double durationS, ResourceWindow resources) {
    JsonObject latency = step.getJsonObject("latencyMs");
    Map<String, Long> codes = new TreeMap<>();
    step.getJsonObject("statusCodes", new JsonObject()).forEach(e -> codes.put(e.getKey(), ((Number) e.getValue()).longValue()));
    long requests = step.getLong("requests");
    return new StepMeasurement(step.getString("name"), vus, repeat, durationS, requests, step.getLong("failures"),
      requests / durationS, latency.getDouble("avg"), latency.getDouble("p50"), latency.getDouble("p95"),
      latency.getDouble("p99"), latency.getDouble("max"), codes, resources.cpuPercent(), resources.cpuPercentMax(),
      resources.memoryMb(), resources.memoryMbMax(), resources.heapMb(), resources.gcPauseMsPerS(), resources.gcPauses(),
      resources.throttledPercent(), resources.hostCpuPercent(), resources.samples());
  }

  JsonObject toJson() {
    JsonObject codes = new JsonObject();
    statusCodes.forEach(codes::put);
    return new JsonObject().put("name", name).put("vus", vus).put("repeat", repeat).put("durationS", durationS)
      .put("requests", requests).put("failures", failures).put("failureRate", failureRate()).put("tps", tps)
      .put("latencyMs", new JsonObject().put("avg", avgMs).put("p50", p50Ms).put("p95", p95Ms).put("p99", p99Ms).put("max", maxMs))
      .put("statusCodes", codes)
      .put("cpuPercent", JsonNumbers.write(cpuPercent)).put("cpuPercentMax", JsonNumbers.write(cpuPercentMax))
      .put("memoryMb", JsonNumbers.write(memoryMb)).put("memoryMbMax", JsonNumbers.write(memoryMbMax))
      .put("heapMb", JsonNumbers.write(heapMb)).put("gcPauseMsPerS", JsonNumbers.write(gcPauseMsPerS)).put("gcPauses", gcPauses)
      .put("throttledPercent", JsonNumbers.write(throttledPercent)).put("hostCpuPercent", JsonNumbers.write(hostCpuPercent))
      .put("samples", samples);
  }

  static StepMeasurement fromJson(JsonObject json) {
    JsonObject latency = json.getJsonObject("latencyMs");
    Map<String, Long> codes = new TreeMap<>();
    json.getJsonObject("statusCodes").forEach(e -> codes.put(e.getKey(), ((Number) e.getValue()).longValue()));
    return new StepMeasurement(json.getString("name"), json.getInteger("vus"), json.getInteger("repeat"),
      json.getDouble("durationS"), json.getLong("requests"), json.getLong("failures"), json.getDouble("tps"),
      latency.getDouble("avg"), latency.getDouble("p50"), latency.getDouble("p95"), latency.getDouble("p99"),
      latency.getDouble("max"), codes, JsonNumbers.read(json, "cpuPercent"), JsonNumbers.read(json, "cpuPercentMax"),
      JsonNumbers.read(json, "memoryMb"), JsonNumbers.read(json, "memoryMbMax"), JsonNumbers.read(json, "heapMb"),
      JsonNumbers.read(json, "gcPauseMsPerS"), json.getLong("gcPauses"), JsonNumbers.read(json, "throttledPercent"),
      JsonNumbers.read(json, "hostCpuPercent"), json.getInteger("samples"));
  }
}
