package io.github.imageloader.sizing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One VU level with its repeats combined: latencies, TPS and resources are the mean over the repeats;
 * the error rate is pooled (all failures over all requests), so a short repeat weighs less.
 */
public record LevelResult(int vus, int repeats, long requests, long failures, double errorRate, double tps,
                          double avgMs, double p50Ms, double p95Ms, double p99Ms, double maxMs,
                          double cpuPercent, double memoryMb, double heapMb, double gcPauseMsPerS,
                          Map<String, Long> statusCodes) {

  public static List<LevelResult> of(List<StepMeasurement> steps) {
    Map<Integer, List<StepMeasurement>> byVus = new TreeMap<>();
    for (StepMeasurement step : steps) {
      byVus.computeIfAbsent(step.vus(), k -> new ArrayList<>()).add(step);
    }
    List<LevelResult> levels = new ArrayList<>();
    byVus.forEach((vus, repeats) -> {
      long requests = repeats.stream().mapToLong(StepMeasurement::requests).sum();
      long failures = repeats.stream().mapToLong(StepMeasurement::failures).sum();
      Map<String, Long> codes = new TreeMap<>();
      repeats.forEach(r -> r.statusCodes().forEach((code, count) -> codes.merge(code, count, Long::sum)));
      levels.add(new LevelResult(vus, repeats.size(), requests, failures,
        requests == 0 ? 1 : (double) failures / requests,
        mean(repeats, StepMeasurement::tps),
        mean(repeats, StepMeasurement::avgMs), mean(repeats, StepMeasurement::p50Ms), mean(repeats, StepMeasurement::p95Ms),
        mean(repeats, StepMeasurement::p99Ms), repeats.stream().mapToDouble(StepMeasurement::maxMs).max().orElse(0),
        mean(repeats, StepMeasurement::cpuPercent), mean(repeats, StepMeasurement::memoryMb),
        mean(repeats, StepMeasurement::heapMb), mean(repeats, StepMeasurement::gcPauseMsPerS), codes));
    });
    return levels;
  }

  private static double mean(List<StepMeasurement> steps, java.util.function.ToDoubleFunction<StepMeasurement> value) {
    return steps.stream().mapToDouble(value).average().orElse(Double.NaN);
  }
}
