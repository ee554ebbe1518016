package io.github.imageloader.sizing;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTest {

  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

  static SizingRun recorded() throws Exception {
    try (InputStream in = ReportTest.class.getResourceAsStream("/recorded-run.json")) {
      return SizingRun.fromJson(new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    }
  }

  @Test
  void rendersTheRecordedRunWithItsTablesAndCharts(@TempDir Path out) throws Exception {
    Path recorded = out.resolve("in.json");
    try (InputStream in = ReportTest.class.getResourceAsStream("/recorded-run.json")) {
      Files.write(recorded, in.readAllBytes());
    }
    int exit = SizingTool.run(new String[] {"--report-only", recorded.toString(), "--out", out.resolve("report").toString()}, out);
    assertThat(exit).isZero();
    Path dir = out.resolve("report");
    for (String png : List.of(Charts.LATENCY, Charts.THROUGHPUT, Charts.CPU, Charts.MEMORY)) {
      byte[] bytes = Files.readAllBytes(dir.resolve(png));
      assertThat(bytes.length).as(png).isGreaterThan(5_000);
      assertThat(java.util.Arrays.copyOf(bytes, 4)).as(png).isEqualTo(PNG_MAGIC);
    }
    String md = Files.readString(dir.resolve("report.md"));
    SizingRun run = recorded();
    assertThat(run.steps()).hasSize(12);
    // per-step table: one row per measured step with the recorded figures
    for (StepMeasurement s : run.steps()) {
      assertThat(md).contains(String.format("| %d | %d | %d | %.2f |", s.vus(), s.repeat(), s.requests(), s.tps()));
    }
    // the recorded run never broke the SLO: capacity is a lower bound at its top level
    assertThat(md).contains("at least 16 VUs");
    // per-VU needs: the table holds the fit a reader can redo from the recorded steps
    SizingAnalysis analysis = SizingAnalysis.of(run);
    double[] x = analysis.modelSteps().stream().mapToDouble(StepMeasurement::vus).toArray();
    double[] cpu = analysis.modelSteps().stream().mapToDouble(s -> s.cpuPercent() / 100).toArray();
    AffineFit fit = AffineFit.of(x, cpu);
    assertThat(md).contains(String.format("| CPU (vCPU) | %.4f |", LinearFit.of(x, cpu).perVu()))
      .contains(String.format("| %.3f | %.4f | %.3f |", fit.base(), fit.perVu(), fit.rSquared()));
    assertThat(md).contains("## Per-step results", "## Per-VU needs", "## Scalability (Universal Scalability Law)",
      "## Spec per VU count", "## Cost per TPS", "## Recommendation", "![throughput](throughput.png)");
    assertThat(md).contains("$0.0276", "$19.87");
    // the recorded run was taken on a busy shared machine: the report says so
    assertThat(md).contains("the host, not the unit, was the limit");
    assertThat(new JsonObject(Files.readString(dir.resolve("sizing-run.json"))).getJsonArray("steps")).hasSize(12);
  }

  @Test
  void syntheticRunGivesTheKnownCapacityRecommendationAndValidationVerdict(@TempDir Path out) throws Exception {
    // two units; p95 = 100 + 5·VUs ms → 1000 ms at 180 VUs (90 per unit); CPU 0.4 % per VU, TPS = VUs / 4
    List<StepMeasurement> steps = new ArrayList<>();
    List<Sample> samples = new ArrayList<>();
    for (int repeat = 1; repeat <= 2; repeat++) {
      for (int vus : new int[] {40, 80, 120, 160, 200, 240}) {
        double p95 = 100 + 5 * vus;
        steps.add(new StepMeasurement("m" + repeat + "-" + vus, vus, repeat, 30, vus * 30 / 4, 0, vus / 4.0, p95 / 2, p95 / 2, p95,
          p95 * 1.2, p95 * 2, Map.of("200", (long) vus * 30 / 4), 0.4 * vus, 0.5 * vus, 2 * (300 + 2.0 * vus / 2), 700, 100, 2, 10,
          0, 120, 30));
      }
    }
    SizingPlan plan = new SizingPlan(UnitSpec.DEFAULT, 2, List.of(40, 80, 120, 160, 200, 240), 2, 10, 30, 20, Slo.DEFAULT,
      Prices.seoul(), 500, 0.2, 40, 20, 3, 5, 30, 50, 160.0);
    SizingRun run = new SizingRun(plan, "2026-11-22T00:00:00Z", "2026-11-22T00:10:00Z", "java-driver", "cgroup v1", 2,
      "scripts/sizing --units 2 --predicted 160", steps, samples,
      new Warmup(40, new WarmupCheck(30, 15, 0.1, 300), Warmup.Outcome.WARM, 45.2, List.of(new WarmupCheck.Window(15.1, 60, 40, 500),
        new WarmupCheck.Window(30.1, 70, 33, 400), new WarmupCheck.Window(45.2, 71, 31.5, 380))));
    SizingAnalysis analysis = SizingAnalysis.of(run);
    assertThat(analysis.capacity().vus()).isEqualTo(180.0);
    assertThat(analysis.capacityPerUnit()).isEqualTo(90.0);
    assertThat(analysis.recommendation().vusPerUnit()).isEqualTo(72);
    assertThat(analysis.recommendation().units()).isEqualTo(7);           // ⌈500 / 72⌉
    assertThat(analysis.memoryAffine().base()).isCloseTo(300, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(analysis.memoryAffine().perVu()).isCloseTo(2, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(analysis.predictionError()).isCloseTo(180 / 160.0 - 1, org.assertj.core.api.Assertions.within(1e-12));
    SizingTool.report(run, out);
    String md = Files.readString(out.resolve("report.md"));
    assertThat(md).contains("180.0 VUs (limited by p95; interpolated between 160 VUs", "Per unit: 90.0 VUs",
      "units of 72 VUs each", "500 VUs need **7 units**", "## Validation", "+12.5 %", "**within**");
    // the report names the load tool and says how the warm-up was decided
    assertThat(md).contains("- **Load tool**: java-driver.", "- **Warm-up**: 40 VUs for 45 s, until the unit was warm: two consecutive 15 s "
      + "windows agreed within ±10 % on the CPU the unit spent per batch (at least 30 s; windows: 15 s: 40.0 ms CPU/batch, mean 500 ms;");
    assertThat(SizingRun.fromJson(run.toJson()).warmup()).isEqualTo(run.warmup());
    assertThat(md).doesNotContain("the host, not the unit, was the limit");
  }
}
