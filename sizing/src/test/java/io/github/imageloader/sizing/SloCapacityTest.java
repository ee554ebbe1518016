package io.github.imageloader.sizing;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SloCapacityTest {

  private static LevelResult level(int vus, double p95, double errorRate, double cpu) {
    return new LevelResult(vus, 2, 1000, Math.round(errorRate * 1000), errorRate, vus / 4.0, p95 / 2, p95 / 2, p95, p95 * 1.2, p95 * 2,
      cpu, 500, 100, 1, Map.of("200", 1000L));
  }

  /** p95 = 100 + 10·VUs ms, no errors, CPU = 0.5 % per VU. */
  private static List<LevelResult> linearLatency(int... vus) {
    List<LevelResult> levels = new ArrayList<>();
    for (int v : vus) {
      levels.add(level(v, 100 + 10 * v, 0, 0.5 * v));
    }
    return levels;
  }

  @Test
  void interpolatesTheP95CrossingBetweenMeasuredLevels() {
    SloCapacity.Result result = SloCapacity.of(linearLatency(10, 50, 100, 200), Slo.DEFAULT, 1.0);
    // 100 + 10·v = 1000 at v = 90, between 50 (600 ms) and 100 (1100 ms)
    assertThat(result.bound()).isEqualTo(SloCapacity.Bound.INTERPOLATED);
    assertThat(result.vus()).isCloseTo(90, within(1e-9));
    assertThat(result.limitedBy()).isEqualTo("p95");
    assertThat(result.lastPassingVus()).isEqualTo(50);
    assertThat(result.firstFailingVus()).isEqualTo(100);
  }

  @Test
  void theLowestCrossingOfSeveralBrokenLimitsWins() {
    List<LevelResult> levels = List.of(level(10, 200, 0, 20), level(20, 1200, 0.011, 40));
    // p95 crosses 1000 at 18; errors cross 0.001 at 10 + 0.001/0.011·10 = 10.909
    SloCapacity.Result result = SloCapacity.of(levels, Slo.DEFAULT, 1.0);
    assertThat(result.limitedBy()).isEqualTo("errors");
    assertThat(result.vus()).isCloseTo(10 + 10 / 11.0, within(1e-9));
  }

  @Test
  void cpuLimitIsAShareOfTheUnitsCpus() {
    List<LevelResult> levels = List.of(level(10, 200, 0, 60), level(20, 300, 0, 100), level(30, 400, 0, 140));
    // 1 vCPU: limit 90 %, crossed between 10 (60 %) and 20 (100 %) at 17.5
    assertThat(SloCapacity.of(levels, Slo.DEFAULT, 1.0).vus()).isCloseTo(17.5, within(1e-9));
    // 2 vCPU (two units): limit 180 %, never reached
    SloCapacity.Result two = SloCapacity.of(levels, Slo.DEFAULT, 2.0);
    assertThat(two.bound()).isEqualTo(SloCapacity.Bound.AT_LEAST);
    assertThat(two.vus()).isEqualTo(30);
  }

  @Test
  void aLevelPassingAgainAboveAFailureDoesNotCount() {
    List<LevelResult> levels = List.of(level(10, 500, 0, 10), level(20, 1500, 0, 20), level(30, 800, 0, 30));
    SloCapacity.Result result = SloCapacity.of(levels, Slo.DEFAULT, 1.0);
    assertThat(result.vus()).isCloseTo(15, within(1e-9));
  }

  @Test
  void belowTheSmallestLevelAndConfigurableLimits() {
    SloCapacity.Result below = SloCapacity.of(linearLatency(100, 200), Slo.DEFAULT, 1.0);
    assertThat(below.bound()).isEqualTo(SloCapacity.Bound.BELOW);
    assertThat(below.describe()).contains("below 100 VUs");
    // a looser SLO: p95 ≤ 2 s → 100 + 10·v = 2000 at v = 190
    assertThat(SloCapacity.of(linearLatency(100, 200), new Slo(2000, 0.001, 100), 1.0).vus()).isCloseTo(190, within(1e-9));
  }
}
