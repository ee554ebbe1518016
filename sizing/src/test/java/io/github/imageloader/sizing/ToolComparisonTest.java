package io.github.imageloader.sizing;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ToolComparisonTest {

  /** One unit, steps 10/20/30; p95 = p95Per10 × VUs / 10; TPS = VUs / 4 × tpsFactor; CPU 1 % per VU. */
  private static SizingAnalysis analysis(String tool, double p95Per10, double tpsFactor) {
    List<StepMeasurement> steps = new ArrayList<>();
    for (int vus : new int[] {10, 20, 30}) {
      double p95 = p95Per10 * vus / 10;
      steps.add(new StepMeasurement("m1-" + vus, vus, 1, 20, vus * 5, 0, vus / 4.0 * tpsFactor, p95 / 2, p95 / 2, p95, p95 * 1.2,
        p95 * 2, Map.of("200", (long) vus * 5), vus, vus, 400, 400, 100, 1, 0, 0, 20, 20));
    }
    SizingPlan plan = new SizingPlan(UnitSpec.DEFAULT, 1, List.of(10, 20, 30), 1, 10, 20, 30, Slo.DEFAULT, Prices.seoul(), 200, 0.2,
      40, 20, 3, 5, 30, 50, null);
    return SizingAnalysis.of(new SizingRun(plan, "2026-12-02T00:00:00Z", "2026-12-02T00:05:00Z", tool, "cgroup v1", 2,
      "scripts/sizing --compare-tools", steps, List.of(), null));
  }

  @Test
  void toolsWithinTheTolerancesAgree() {
    // k6: p95 400/800/1200 ms → capacity 25 VUs; driver 5 % faster, 4 % more TPS → capacity 26.3 VUs (+5.3 %)
    ToolComparison close = ToolComparison.of(analysis("k6", 400, 1), analysis("java-driver", 380, 1.04));
    assertThat(close.rows()).extracting(ToolComparison.Row::vus).containsExactly(10, 20, 30);
    assertThat(close.rows().get(2).judged()).isFalse();   // 30 VUs broke the SLO in both
    assertThat(close.rows()).allMatch(ToolComparison.Row::agrees);
    assertThat(close.capacitiesAgree()).isTrue();
    assertThat(close.agrees()).isTrue();
    assertThat(close.markdown()).contains("| 10 | 400 | 380 | -5.0 % | 2.50 | 2.60 | +4.0 % | met / met | yes |", "**agree**");
  }

  @Test
  void aBurstierToolDisagrees() {
    // the case: k6's synchronized bursts doubled p95, and with it the capacity moved
    ToolComparison apart = ToolComparison.of(analysis("k6", 800, 1), analysis("java-driver", 400, 1));
    assertThat(apart.rows().get(0).agrees()).isFalse();
    assertThat(apart.capacitiesAgree()).isFalse();
    assertThat(apart.agrees()).isFalse();
    assertThat(apart.markdown()).contains("**no**", "**not within**", "**disagree**");
    assertThat(apart.toJson().getBoolean("agrees")).isFalse();
  }
}
