package io.github.imageloader.sizing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CostTest {

  @Test
  void seoulPricesReproduceTheStudysTable() {
    Prices seoul = Prices.seoul();
    assertThat(seoul.hourly(new UnitSpec(0.5, 768))).isCloseTo(0.0138, within(1e-9));
    assertThat(seoul.hourly(UnitSpec.DEFAULT)).isCloseTo(0.0276, within(1e-9));
    assertThat(seoul.hourly(new UnitSpec(1.5, 2048))).isCloseTo(0.0414, within(1e-9));
    assertThat(seoul.hourly(new UnitSpec(2, 3072))).isCloseTo(0.0552, within(1e-9));
    assertThat(seoul.monthly(UnitSpec.DEFAULT)).isCloseTo(19.87, within(0.005));
    assertThat(seoul.monthly(new UnitSpec(2, 3072))).isCloseTo(39.74, within(0.005));
    // the study's cost per TPS-hour: 1 vCPU at ~30 TPS
    assertThat(seoul.perTpsHour(UnitSpec.DEFAULT, 30)).isCloseTo(0.00092, within(0.000005));
  }

  @Test
  void pricesFileWithMemoryPricedSeparately(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("prices.json");
    Files.writeString(file, "{\"name\": \"test\", \"vcpuHour\": 0.04, \"gbHour\": 0.005, \"hoursPerMonth\": 730}");
    Prices prices = Prices.load(file);
    assertThat(prices.hourly(UnitSpec.DEFAULT)).isCloseTo(0.04 + 1.5 * 0.005, within(1e-12));
    assertThat(prices.monthly(UnitSpec.DEFAULT)).isCloseTo(0.0475 * 730, within(1e-9));
    Files.writeString(file, "{\"vcpuHour\": \"cheap\"}");
    assertThatThrownBy(() -> Prices.load(file)).hasMessageContaining("vcpuHour");
  }

  @Test
  void recommendationKeepsTheHeadroomAndCountsUnits() {
    UslFit usl = UslFit.of(new double[] {1, 10, 50, 100}, new double[] {0.25, 2.5, 12.5, 25});
    Recommendation rec = Recommendation.of(UnitSpec.DEFAULT, 47.5, 0.2, 200, Prices.seoul(), usl, 1);
    assertThat(rec.vusPerUnit()).isEqualTo(38);          // ⌊47.5 × 0.8⌋
    assertThat(rec.units()).isEqualTo(6);                // ⌈200 / 38⌉
    assertThat(rec.monthlyCost()).isCloseTo(6 * 0.0276 * 720, within(1e-9));
    assertThat(rec.tpsPerUnit()).isCloseTo(38 * 0.25, within(1e-3));
    assertThat(rec.costPerTpsHour()).isCloseTo(0.0276 / 9.5, within(1e-6));
    assertThat(rec.unitsFor(10)).isEqualTo(1);
    assertThat(rec.unitsFor(77)).isEqualTo(3);
  }

  @Test
  void aUnitThatHoldsNothingGetsNoUnitCount() {
    Recommendation rec = Recommendation.of(UnitSpec.DEFAULT, 0.9, 0.2, 200, Prices.seoul(), null, 1);
    assertThat(rec.vusPerUnit()).isZero();
    assertThat(rec.units()).isZero();
    assertThat(rec.unitsFor(10)).isZero();
  }

  @Test
  void unitSpecParsesDockerSizes() {
    assertThat(UnitSpec.parseMemoryMb("1536m")).isEqualTo(1536);
    assertThat(UnitSpec.parseMemoryMb("1.5g")).isEqualTo(1536);
    assertThat(UnitSpec.parseMemoryMb("768")).isEqualTo(768);
    assertThat(UnitSpec.DEFAULT.dockerFlags()).isEqualTo("--cpus 1 --memory 1536m --memory-swap 1536m");
    assertThat(UnitSpec.DEFAULT.describe()).isEqualTo("1 vCPU / 1.5 GB");
    assertThatThrownBy(() -> UnitSpec.parseMemoryMb("lots")).hasMessageContaining("1536m");
    assertThatThrownBy(() -> new UnitSpec(0, 1536)).hasMessageContaining("--cpus");
  }
}
