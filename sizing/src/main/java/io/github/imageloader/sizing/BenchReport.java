package io.github.imageloader.sizing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The benchmark's report: per variant the median over repeats of every figure, latency also as a ratio to the
 * floor measured in the same run, then every window as measured.
 */
final class BenchReport {

  private BenchReport() {
  }

  static String markdown(BenchPlan plan, List<BenchResult> results, String host) {
    Map<String, List<BenchResult>> byLabel = byLabel(results);
    List<BenchResult> floor = byLabel.getOrDefault(BenchRunner.FLOOR, List.of());
    double floorP50 = median(floor, BenchResult::p50Ms);
    double floorP95 = median(floor, BenchResult::p95Ms);
    double floorP99 = median(floor, BenchResult::p99Ms);
    StringBuilder md = new StringBuilder();
    md.append("# Benchmark: the study workload\n\n");
    md.append(String.format("%d VUs, %s images per request, think %s s; storage: the project's GCS emulator in its own process, "
        + "first-byte latency %d ± %d ms, %s. Each variant: a fresh node, %d s of unmeasured load, then %d s measured with the "
        + "same batches (seed %d); then the floor: those batches fetched by the load driver straight from storage, each "
        + "batch's images all at once. %d repeat(s); figures are medians over repeats. Host: %s.%n%n",
      plan.vus(), plan.batch(), plan.think(), plan.latencyMs(), plan.jitterMs(), plan.tail().describe(), plan.warmupS(),
      plan.measureS(), plan.seed(), plan.repeats(), host));
    md.append("| variant | p50 ms | p95 ms | p99 ms | p95 / floor | images/s | CPU ms/image | GC % of CPU | JIT % of CPU "
      + "| peak RSS MB | new conns/image | TLS handshakes/image | storage conns open | storage reqs/image | failed |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Map.Entry<String, List<BenchResult>> entry : byLabel.entrySet()) {
      List<BenchResult> rs = entry.getValue();
      boolean isFloor = entry.getKey().equals(BenchRunner.FLOOR);
      md.append(String.format("| %s | %.0f | %.0f | %.0f | %s | %.0f | %s | %s | %s | %s | %s | %s | %s | %s | %d |%n",
        entry.getKey(), median(rs, BenchResult::p50Ms), median(rs, BenchResult::p95Ms), median(rs, BenchResult::p99Ms),
        isFloor ? "1.00" : String.format("%.2f", median(rs, BenchResult::p95Ms) / floorP95),
        median(rs, BenchResult::imagesPerSecond),
        isFloor ? "—" : String.format("%.3f", median(rs, BenchResult::cpuMsPerImage)),
        isFloor ? "—" : String.format("%.1f", 100 * median(rs, BenchResult::gcShare)),
        isFloor ? "—" : String.format("%.1f", 100 * median(rs, BenchResult::jitShare)),
        isFloor ? "—" : String.format("%.0f", median(rs, BenchResult::peakRssMb)),
        isFloor ? "—" : String.format("%.4f", median(rs, BenchResult::newConnectionsPerImage)),
        isFloor ? "—" : String.format("%.4f", median(rs, BenchResult::tlsHandshakesPerImage)),
        isFloor ? "—" : String.format("%.0f", median(rs, r -> r.storageConnectionsOpen())),
        String.format("%.3f", median(rs, BenchResult::storageRequestsPerImage)),
        rs.stream().mapToLong(BenchResult::failures).sum()));
    }
    md.append(String.format("%nFloor medians: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms.%n%n", floorP50, floorP95, floorP99));
    md.append("""
      CPU ms/image: the node process's CPU time (all threads, user + system, from `/proc/<pid>/stat`) in the window,
      divided by the images it loaded (its own `imageloader_image_load_seconds_count`). GC and JIT: the share of that
      time spent by the collector's threads (`GC Thread#n`, `G1 …`, `VM Thread`) and by the compilers. Peak RSS:
      `VmHWM`, over the node's whole life up to the end of its window. New connections, TLS handshakes (each TLS
      connection is one full handshake: the emulator resumes no sessions), connections open at the window's end and
      storage requests per image: the emulator's own counters. The floor fetches over plain HTTP.

      ## Every window

      | variant | repeat | requests | p50 ms | p95 ms | p99 ms | max ms | images/s | CPU ms/image | GC % | peak RSS MB |
      |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
      """);
    for (BenchResult r : results) {
      md.append(String.format("| %s | %d | %d | %.0f | %.0f | %.0f | %.0f | %.0f | %s | %s | %s |%n", r.label(), r.repeat(),
        r.requests(), r.p50Ms(), r.p95Ms(), r.p99Ms(), r.maxMs(), r.imagesPerSecond(),
        r.isFloor() ? "—" : String.format("%.3f", r.cpuMsPerImage()),
        r.isFloor() ? "—" : String.format("%.1f", 100 * r.gcShare()),
        r.isFloor() ? "—" : String.format("%.0f", r.peakRssMb())));
    }
    md.append("\nVariants:\n\n");
    for (BenchVariant variant : plan.variants()) {
      md.append("- ").append(variant.describe()).append('\n');
    }
    return md.toString();
  }

  static JsonObject json(BenchPlan plan, List<BenchResult> results, String host) {
    JsonArray variants = new JsonArray();
    plan.variants().forEach(v -> variants.add(new JsonObject().put("label", v.label()).put("describe", v.describe())));
    JsonArray windows = new JsonArray();
    results.forEach(r -> windows.add(r.toJson()));
    return new JsonObject()
      .put("vus", plan.vus()).put("warmupS", plan.warmupS()).put("measureS", plan.measureS()).put("repeats", plan.repeats())
      .put("latencyMs", plan.latencyMs()).put("jitterMs", plan.jitterMs())
      .put("tail", new JsonObject().put("tailRate", plan.tail().tailRate()).put("tailMs", plan.tail().tailMs())
        .put("stallRate", plan.tail().stallRate()).put("stallMs", plan.tail().stallMs()))
      .put("think", plan.think()).put("batch", plan.batch())
      .put("seed", plan.seed()).put("host", host).put("variants", variants).put("windows", windows);
  }

  private static Map<String, List<BenchResult>> byLabel(List<BenchResult> results) {
    Map<String, List<BenchResult>> byLabel = new LinkedHashMap<>();
    for (BenchResult r : results) {
      byLabel.computeIfAbsent(r.label(), k -> new ArrayList<>()).add(r);
    }
    return byLabel;
  }

  static double median(List<BenchResult> results, ToDoubleFunction<BenchResult> figure) {
    double[] values = results.stream().mapToDouble(figure).filter(v -> !Double.isNaN(v)).sorted().toArray();
    if (values.length == 0) {
      return Double.NaN;
    }
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }
}
