package io.github.imageloader.sizing;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WarmupCheckTest {

  private static final WarmupCheck CHECK = new WarmupCheck(30, 15, 0.1, 300);

  private static List<WarmupCheck.Window> windows(double... cpuMsPerBatch) {
    List<WarmupCheck.Window> windows = new ArrayList<>();
    for (int i = 0; i < cpuMsPerBatch.length; i++) {
      windows.add(new WarmupCheck.Window(15.0 * (i + 1), 60, cpuMsPerBatch[i], 300));
    }
    return windows;
  }

  @Test
  void warmOnceTwoConsecutiveWindowsAgreeOnCpuPerBatch() {
    // a compiling JVM: CPU per batch falls window after window, then levels off
    assertThat(CHECK.warm(windows(80, 55))).isFalse();
    assertThat(CHECK.warm(windows(80, 55, 40))).isFalse();
    assertThat(CHECK.warm(windows(80, 55, 40, 37))).isTrue();     // 37 is within 10 % of 40
    assertThat(CHECK.warm(windows(80, 55, 40, 44.5))).isFalse();  // a rise beyond 10 % does not agree either
  }

  @Test
  void notBeforeTheMinimumNorWithoutBatchesNorWhenFixed() {
    assertThat(new WarmupCheck(60, 15, 0.1, 300).warm(windows(40, 40, 40))).isFalse();   // 45 s < 60 s
    assertThat(new WarmupCheck(60, 15, 0.1, 300).warm(windows(40, 40, 40, 40))).isTrue();
    assertThat(CHECK.warm(windows(40, Double.NaN, 40))).isFalse();
    WarmupCheck fixed = new WarmupCheck(90, 0, 0.1, 300);
    assertThat(fixed.fixed()).isTrue();
    assertThat(fixed.warm(windows(40, 40, 40))).isFalse();
    assertThat(fixed.maximumS()).isEqualTo(90);
    assertThat(new WarmupCheck(400, 15, 0.1, 300).maximumS()).isEqualTo(400);
  }

  @Test
  void aWindowIsCpuPerBatchAndMeanLatencyBetweenTwoScrapes() {
    TreeMap<Double, Double> before = new TreeMap<>();
    before.put(0.5, 80.0);
    before.put(Double.POSITIVE_INFINITY, 100.0);
    TreeMap<Double, Double> after = new TreeMap<>();
    after.put(0.5, 130.0);
    after.put(Double.POSITIVE_INFINITY, 160.0);
    ResourceSampler.BatchSnapshot from = new ResourceSampler.BatchSnapshot(10_000, before, 30.0);
    ResourceSampler.BatchSnapshot to = new ResourceSampler.BatchSnapshot(25_000, after, 48.0);
    List<Sample> samples = new ArrayList<>();
    for (int s = 10; s <= 26; s++) {
      samples.add(new Sample(s * 1000L, 40, 300, 100, 0, 0, 0, 80));   // 40 % of a vCPU: 400 ms of CPU a second
    }
    WarmupCheck.Window window = WarmupCheck.Window.of(15, from, to, samples);
    assertThat(window.batches()).isEqualTo(60);
    assertThat(window.cpuMsPerBatch()).isCloseTo(15 * 400 / 60.0, within(1e-9));   // samples at 11..25 s
    assertThat(window.meanMs()).isCloseTo(18_000 / 60.0, within(1e-9));
    assertThat(WarmupCheck.Window.fromJson(window.toJson()).batches()).isEqualTo(60);
  }
}
