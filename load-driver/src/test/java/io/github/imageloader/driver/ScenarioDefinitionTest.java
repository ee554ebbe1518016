package io.github.imageloader.driver;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioDefinitionTest {

  static JsonObject definitions() throws Exception {
    return new JsonObject(Files.readString(Path.of("../k6/scenarios.json")));
  }

  @Test
  void parsesK6Durations() {
    assertThat(K6Duration.parseMs("10m")).isEqualTo(600_000);
    assertThat(K6Duration.parseMs("1h30m")).isEqualTo(5_400_000);
    assertThat(K6Duration.parseMs("500ms")).isEqualTo(500);
    assertThat(K6Duration.parseMs("1.5s")).isEqualTo(1_500);
    assertThatThrownBy(() -> K6Duration.parseMs("10 minutes")).hasMessageContaining("not a k6 duration");
    assertThatThrownBy(() -> K6Duration.parseMs("")).hasMessageContaining("not a k6 duration");
  }

  @Test
  void theStudyWorkloadIsThirtyVusForTenMinutes() throws Exception {
    ScenarioDefinition images = ScenarioDefinition.from("images", definitions().getJsonObject("images"));
    assertThat(images.totalMs()).isEqualTo(600_000);
    assertThat(images.maxVus()).isEqualTo(30);
    assertThat(VuSchedule.of(images).activeAt(0)).isEqualTo(30);
    assertThat(images.thinkMinS()).isEqualTo(3);
    assertThat(images.thinkMaxS()).isEqualTo(5);
    assertThat(images.batchMin()).isEqualTo(30);
    assertThat(images.batchMax()).isEqualTo(50);
    assertThat(images.thresholds()).containsKeys("http_req_duration", "http_req_failed");
  }

  @Test
  void stepsHoldEachLevelAndSpikeRamps() throws Exception {
    ScenarioDefinition steps = ScenarioDefinition.from("steps", definitions().getJsonObject("steps"));
    assertThat(steps.stages()).extracting(Stage::target).containsExactly(10, 20, 30, 50, 75, 100, 150, 200);
    assertThat(steps.staggerMs()).isEqualTo(5_000);
    VuSchedule held = VuSchedule.of(steps);
    // the first step's VUs start one every 0.5 s; the next step's 10 new ones likewise, the first 10 carry on
    assertThat(held.activeAt(0)).isZero();
    assertThat(held.activeAt(2_500)).isEqualTo(5);
    assertThat(held.activeAt(59_999)).isEqualTo(10);
    assertThat(held.activeAt(60_000)).isEqualTo(10);
    assertThat(held.activeAt(62_500)).isEqualTo(15);
    assertThat(held.activeAt(65_000)).isEqualTo(20);
    assertThat(held.of(0)).containsExactly(new VuSchedule.Interval(0, 500, 480_000));
    assertThat(steps.stageIndexAt(10 * 60_000)).isEqualTo(7);

    VuSchedule spike = VuSchedule.of(ScenarioDefinition.from("spike", definitions().getJsonObject("spike")));
    assertThat(spike.activeAt(10_000)).isEqualTo(10);
    assertThat(spike.activeAt(35_000)).isEqualTo(105);
    assertThat(spike.activeAt(45_000)).isEqualTo(200);
    assertThat(spike.activeAt(139_999)).isEqualTo(10);
  }

  @Test
  void overridesShortenAndRescale() throws Exception {
    Overrides shortSmall = new Overrides(2_000L, 20, 0.1, 0.2, 5, 8);
    ScenarioDefinition steps = ScenarioDefinition.from("steps", definitions().getJsonObject("steps")).withOverrides(shortSmall);
    assertThat(steps.totalMs()).isEqualTo(16_000);
    assertThat(steps.stages()).extracting(Stage::target).containsExactly(1, 2, 3, 5, 8, 10, 15, 20);
    assertThat(steps.batchMin()).isEqualTo(5);
    ScenarioDefinition images = ScenarioDefinition.from("images", definitions().getJsonObject("images")).withOverrides(shortSmall);
    assertThat(images.maxVus()).isEqualTo(20);
    assertThat(images.thinkMaxS()).isEqualTo(0.2);
  }

  @Test
  void thresholdsEvaluateLikeK6() {
    StepStats stats = new StepStats();
    for (int i = 1; i <= 100; i++) {
      stats.record(i == 100 ? 503 : 200, i * 1_000_000L);
    }
    assertThat(ThresholdCheck.passes("http_req_duration", "p(95)<1000", stats, 10)).isTrue();
    assertThat(ThresholdCheck.passes("http_req_duration", "p(95)<90", stats, 10)).isFalse();
    assertThat(ThresholdCheck.passes("http_req_duration", "avg<=51", stats, 10)).isTrue();
    assertThat(ThresholdCheck.passes("http_req_duration", "avg<50", stats, 10)).isFalse();
    assertThat(ThresholdCheck.passes("http_req_failed", "rate<0.001", stats, 10)).isFalse();
    assertThat(ThresholdCheck.passes("http_req_failed", "rate<0.02", stats, 10)).isTrue();
    assertThat(ThresholdCheck.passes("http_reqs", "count>=100", stats, 10)).isTrue();
    assertThatThrownBy(() -> ThresholdCheck.passes("http_req_duration", "p95 < 3", stats, 10))
      .hasMessageContaining("unsupported");
  }
}
