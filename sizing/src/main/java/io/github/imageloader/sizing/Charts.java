package io.github.imageloader.sizing;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * The report's PNG charts (XChart): latency percentiles, TPS with the fitted USL curve, CPU and memory with
 * the two per-VU models — each against VUs. Dots are measured steps (every repeat); lines are level means or models.
 */
final class Charts {

  static final String LATENCY = "latency.png";
  static final String THROUGHPUT = "throughput.png";
  static final String CPU = "cpu.png";
  static final String MEMORY = "memory.png";

  private static final int WIDTH = 800;
  private static final int HEIGHT = 500;
  private static final int CURVE_POINTS = 100;

  private Charts() {
  }

  static List<String> write(SizingAnalysis analysis, Path dir) throws IOException {
    System.setProperty("java.awt.headless", "true");
    SizingRun run = analysis.run();
    List<LevelResult> levels = analysis.levels();
    double[] levelVus = levels.stream().mapToDouble(LevelResult::vus).toArray();
    double maxVus = levels.get(levels.size() - 1).vus();
    int units = run.plan().units();

    XYChart latency = chart("Latency percentiles vs VUs (level means; log scale)", "ms");
    latency.getStyler().setYAxisLogarithmic(true);
    line(latency, "p50", levelVus, levels.stream().mapToDouble(l -> Math.max(l.p50Ms(), 1)).toArray());
    line(latency, "p95", levelVus, levels.stream().mapToDouble(l -> Math.max(l.p95Ms(), 1)).toArray());
    line(latency, "p99", levelVus, levels.stream().mapToDouble(l -> Math.max(l.p99Ms(), 1)).toArray());
    line(latency, "SLO p95", new double[] {levelVus[0], maxVus}, new double[] {run.plan().slo().p95Ms(), run.plan().slo().p95Ms()});
    save(latency, dir.resolve(LATENCY));

    XYChart throughput = chart("Throughput vs VUs, with the fitted Universal Scalability Law", "TPS (requests/s)");
    dots(throughput, "measured steps (successful requests/s)", run.steps().stream().mapToDouble(StepMeasurement::vus).toArray(),
      run.steps().stream().mapToDouble(StepMeasurement::goodput).toArray());
    if (analysis.usl() != null) {
      UslFit usl = analysis.usl();
      curve(throughput, String.format("USL λ=%.4f σ=%.4f κ=%.6f", usl.lambda(), usl.sigma(), usl.kappa()), 1, maxVus * 1.25, usl::throughputAt);
    }
    save(throughput, dir.resolve(THROUGHPUT));

    XYChart cpu = chart("CPU vs VUs (per unit; 100 % = 1 vCPU)", "vCPU");
    dots(cpu, "measured steps", perUnit(run.steps(), units), run.steps().stream().mapToDouble(s -> s.cpuPercent() / 100 / units).toArray());
    if (analysis.cpuLinear() != null) {
      curve(cpu, String.format("linear %.4f vCPU/VU", analysis.cpuLinear().perVu()), 0, maxVus / units, analysis.cpuLinear()::at);
      curve(cpu, String.format("base %.3f + %.4f vCPU/VU", analysis.cpuAffine().base(), analysis.cpuAffine().perVu()), 0, maxVus / units,
        analysis.cpuAffine()::at);
    }
    line(cpu, "unit's --cpus", new double[] {0, maxVus / units}, new double[] {run.plan().unit().cpus(), run.plan().unit().cpus()});
    double cpuLimit = run.plan().slo().maxCpuPercent() / 100 * run.plan().unit().cpus();
    line(cpu, "SLO CPU limit", new double[] {0, maxVus / units}, new double[] {cpuLimit, cpuLimit});
    save(cpu, dir.resolve(CPU));

    XYChart memory = chart("Memory vs VUs (per unit; usage less inactive file cache, as docker stats)", "MB");
    dots(memory, "memory (measured)", perUnit(run.steps(), units), run.steps().stream().mapToDouble(s -> s.memoryMb() / units).toArray());
    dots(memory, "JVM heap used", perUnit(run.steps(), units), run.steps().stream().mapToDouble(s -> s.heapMb() / units).toArray());
    if (analysis.memoryLinear() != null) {
      curve(memory, String.format("linear %.1f MB/VU", analysis.memoryLinear().perVu()), 0, maxVus / units, analysis.memoryLinear()::at);
      curve(memory, String.format("base %.0f + %.2f MB/VU", analysis.memoryAffine().base(), analysis.memoryAffine().perVu()), 0,
        maxVus / units, analysis.memoryAffine()::at);
    }
    line(memory, "unit's --memory", new double[] {0, maxVus / units}, new double[] {run.plan().unit().memoryMb(), run.plan().unit().memoryMb()});
    save(memory, dir.resolve(MEMORY));
    return List.of(LATENCY, THROUGHPUT, CPU, MEMORY);
  }

  private static double[] perUnit(List<StepMeasurement> steps, int units) {
    return steps.stream().mapToDouble(s -> (double) s.vus() / units).toArray();
  }

  private static XYChart chart(String title, String yAxis) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("VUs").yAxisTitle(yAxis).build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    return chart;
  }

  private static void line(XYChart chart, String name, double[] x, double[] y) {
    XYSeries series = chart.addSeries(name, x, finite(y));
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    series.setMarker(SeriesMarkers.CIRCLE);
  }

  private static void dots(XYChart chart, String name, double[] x, double[] y) {
    XYSeries series = chart.addSeries(name, x, finite(y));
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    series.setMarker(SeriesMarkers.DIAMOND);
  }

  private static void curve(XYChart chart, String name, double from, double to, DoubleUnaryOperator model) {
    double[] x = new double[CURVE_POINTS + 1];
    double[] y = new double[CURVE_POINTS + 1];
    for (int i = 0; i <= CURVE_POINTS; i++) {
      x[i] = from + (to - from) * i / CURVE_POINTS;
      y[i] = model.applyAsDouble(x[i]);
    }
    XYSeries series = chart.addSeries(name, x, y);
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    series.setMarker(SeriesMarkers.NONE);
  }

  /** XChart cannot draw NaN; an unknown figure is drawn as 0 — the tables say "–". */
  private static double[] finite(double[] values) {
    double[] copy = values.clone();
    for (int i = 0; i < copy.length; i++) {
      if (Double.isNaN(copy[i]) || Double.isInfinite(copy[i])) {
        copy[i] = 0;
      }
    }
    return copy;
  }

  private static void save(XYChart chart, Path file) throws IOException {
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }
}
