package io.github.imageloader.sizing;

import java.io.PrintStream;
import java.util.Map;

/**
 * The run's progress line, every few seconds: which stage of which step, VUs, elapsed time of the whole
 * load, and live figures — TPS and p95 as the service itself measured them over the last seconds
 * ({@code imageloader_batch_seconds}, at bucket resolution; the report uses the load tool's exact ones),
 * CPU and memory of the last sample.
 */
final class ConsoleProgress {

  private static final int WINDOW_S = 5;

  private final PrintStream out;
  private final StepSchedule schedule;

  ConsoleProgress(PrintStream out, StepSchedule schedule) {
    this.out = out;
    this.schedule = schedule;
  }

  void print(long elapsedMs, ResourceSampler sampler) {
    StepSchedule.Stage stage = schedule.at(elapsedMs);
    int measuredIndex = schedule.measured().stream().filter(s -> s.startMs() <= stage.startMs()).toList().size();
    if (!stage.measured()) {
      measuredIndex++;
    }
    StringBuilder line = new StringBuilder(String.format("step %d/%d  %3d VUs  repeat %d  %-9s  %s/%s",
      Math.min(measuredIndex, schedule.measured().size()), schedule.measured().size(), stage.vus(), stage.repeat(),
      stage.measured() ? "measuring" : "warm-up", clock(elapsedMs), clock(schedule.totalMs())));
    ResourceSampler.BatchSnapshot[] window = sampler.batchWindow(WINDOW_S);
    if (window != null && !window[1].buckets().isEmpty()) {
      Map<Double, Double> before = window[0].buckets();
      double seconds = Math.max((window[1].epochMs() - window[0].epochMs()) / 1000.0, 0.001);
      double count = window[1].buckets().lastEntry().getValue() - before.getOrDefault(window[1].buckets().lastKey(), 0.0);
      double p95 = PrometheusText.quantileBetween(before, window[1].buckets(), 0.95);
      line.append(String.format("  TPS %5.1f  p95 %s", count / seconds, Double.isNaN(p95) ? "   –" : Double.isInfinite(p95) ? "above the top bucket" : String.format("≤%.0f ms", p95 * 1000)));
    }
    Sample sample = sampler.latest();
    if (sample != null) {
      line.append(String.format("  CPU %5.1f %%  mem %4.0f MB  heap %s MB", sample.cpuPercent(), sample.memoryMb(),
        Double.isNaN(sample.heapMb()) ? "–" : String.format("%.0f", sample.heapMb())));
    }
    out.println(line);
  }

  static String clock(long ms) {
    long seconds = ms / 1000;
    return String.format("%02d:%02d", seconds / 60, seconds % 60);
  }
}
