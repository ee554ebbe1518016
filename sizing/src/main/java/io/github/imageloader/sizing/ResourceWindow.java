package io.github.imageloader.sizing;

import java.util.List;

/** The samples of one measurement window, reduced to what a step reports. */
record ResourceWindow(double cpuPercent, double cpuPercentMax, double memoryMb, double memoryMbMax, double heapMb,
                      double gcPauseMsPerS, long gcPauses, double throttledPercent, double hostCpuPercent, int samples) {

  /** Samples taken in [fromMs, toMs]; the GC figures are the difference across the window. */
  static ResourceWindow of(List<Sample> all, long fromMs, long toMs) {
    List<Sample> window = all.stream().filter(s -> s.epochMs() >= fromMs && s.epochMs() <= toMs).toList();
    if (window.isEmpty()) {
      return new ResourceWindow(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN, 0);
    }
    Sample first = window.get(0);
    Sample last = window.get(window.size() - 1);
    double seconds = Math.max((last.epochMs() - first.epochMs()) / 1000.0, 1);
    return new ResourceWindow(
      window.stream().mapToDouble(Sample::cpuPercent).average().orElse(Double.NaN),
      window.stream().mapToDouble(Sample::cpuPercent).max().orElse(Double.NaN),
      window.stream().mapToDouble(Sample::memoryMb).average().orElse(Double.NaN),
      window.stream().mapToDouble(Sample::memoryMb).max().orElse(Double.NaN),
      window.stream().mapToDouble(Sample::heapMb).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN),
      (last.gcPauseSeconds() - first.gcPauseSeconds()) * 1000 / seconds,
      last.gcPauses() - first.gcPauses(),
      window.stream().mapToDouble(Sample::throttledPercent).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN),
      window.stream().mapToDouble(Sample::hostCpuPercent).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN),
      window.size());
  }
}
