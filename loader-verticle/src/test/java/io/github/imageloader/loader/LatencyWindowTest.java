package io.github.imageloader.loader;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The adaptive parts of the tail defence: the latency window's percentile and the hedge budget. */
class LatencyWindowTest {

  @Test
  void knowsNoPercentileUntilEnoughReads() {
    LatencyWindow window = new LatencyWindow();
    for (int i = 0; i < 31; i++) {
      window.record(50_000);
    }
    assertThat(window.p95Ms()).isEqualTo(-1);
    window.record(50_000);
    assertThat(window.p95Ms()).isEqualTo(50);
  }

  @Test
  void followsTheRecentReadsNotTheOldOnes() {
    LatencyWindow window = new LatencyWindow();
    for (int i = 1; i <= 256; i++) {
      window.record(i * 1000L);
    }
    assertThat(window.p95Ms()).isEqualTo(244);
    for (int i = 0; i < 256; i++) {
      window.record(40_000);
    }
    assertThat(window.p95Ms()).isEqualTo(40);
  }

  @Test
  void aTwoPercentTailDoesNotMoveTheHedgeDelay() {
    LatencyWindow window = new LatencyWindow();
    for (int i = 0; i < 256; i++) {
      window.record(i % 50 == 0 ? 1_040_000 : 20_000 + (i % 41) * 1000);
    }
    assertThat(window.p95Ms()).isBetween(55L, 61L);
  }

  @Test
  void theBudgetAllowsItsBurstThenItsShareOfReads() {
    HedgeBudget budget = new HedgeBudget(5);
    int hedges = 0;
    for (int read = 0; read < 1000; read++) {
      budget.read();
      if (budget.tryTake()) {
        hedges++;
      }
    }
    assertThat(hedges).isBetween(55, 60);
  }

  @Test
  void delaysStayWithinTheirBounds() {
    ReadTail tail = new ReadTail(new TailSettings(true, 100, 1000, 5, 2, 250, 2000, 2),
      new LoaderMetrics("http", new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
    assertThat(tail.hedgeDelayMs("b")).isEqualTo(1000);
    assertThat(tail.stallLimitMs("b")).isEqualTo(2000);
    for (int i = 0; i < 64; i++) {
      tail.firstByte("b", 40_000_000L);
    }
    assertThat(tail.hedgeDelayMs("b")).isEqualTo(100);
    assertThat(tail.stallLimitMs("b")).isEqualTo(250);
    for (int i = 0; i < 256; i++) {
      tail.firstByte("b", 300_000_000L);
    }
    assertThat(tail.hedgeDelayMs("b")).isEqualTo(300);
    assertThat(tail.stallLimitMs("b")).isEqualTo(1200);
  }
}
