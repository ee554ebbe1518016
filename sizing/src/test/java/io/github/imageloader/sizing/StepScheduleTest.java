package io.github.imageloader.sizing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StepScheduleTest {

  static SizingPlan plan(List<Integer> steps, int repeats) {
    return new SizingPlan(UnitSpec.DEFAULT, 1, steps, repeats, 10, 30, 20, Slo.DEFAULT, Prices.seoul(), 200, 0.2, 40, 20, 3, 5,
      30, 50, null);
  }

  @Test
  void warmUpAndMeasuredStagesPerLevelAndRepeat() {
    StepSchedule schedule = new StepSchedule(plan(List.of(10, 50), 2));
    assertThat(schedule.stages()).extracting(StepSchedule.Stage::name)
      .containsExactly("w1-10", "m1-10", "w1-50", "m1-50", "w2-10", "m2-10", "w2-50", "m2-50");
    assertThat(schedule.stages().get(1).startMs()).isEqualTo(10_000);
    assertThat(schedule.measured()).hasSize(4).allMatch(s -> s.durationMs() == 30_000);
    assertThat(schedule.totalMs()).isEqualTo(4 * 40_000);
    assertThat(plan(List.of(10, 50), 2).loadSeconds()).isEqualTo(180); // with the fresh units' 20 s warm-up (at least)
    assertThat(schedule.at(11_000).name()).isEqualTo("m1-10");
  }

  @Test
  void theFreshJvmWarmsUpAThirdOfTheWayUpTheLadder() {
    assertThat(StepSchedule.firstWarmupVus(List.of(10, 25, 50, 75, 100, 200))).isEqualTo(25);
    assertThat(StepSchedule.firstWarmupVus(List.of(40, 10, 15, 20, 25, 30))).isEqualTo(15);
    assertThat(StepSchedule.firstWarmupVus(List.of(10))).isEqualTo(10);
  }

  @Test
  void scenarioDefinitionHoldsEveryStageAndTheSlo() {
    SizingPlan plan = plan(List.of(10, 50), 1);
    JsonObject steps = new StepSchedule(plan).scenarios(plan).getJsonObject("steps");
    assertThat(steps.getString("request")).isEqualTo("images");
    assertThat(steps.getBoolean("rampUp")).isFalse();
    JsonArray stages = steps.getJsonArray("stages");
    assertThat(stages.getJsonObject(0).encode()).isEqualTo("{\"duration\":\"10s\",\"target\":10,\"name\":\"w1-10\"}");
    // both tools start a step's new VUs over one think time, keeping the others (k6/lib/options.js, VuSchedule)
    assertThat(steps.getDouble("staggerS")).isEqualTo(5.0);
    JsonObject warmup = StepSchedule.warmupScenarios(plan, 10, 300).getJsonObject("steps");
    assertThat(warmup.getJsonArray("stages").encode()).isEqualTo("[{\"duration\":\"300s\",\"target\":10,\"name\":\"w0-10\"}]");
    assertThat(warmup.getDouble("staggerS")).isEqualTo(5.0);
    assertThat(steps.getJsonObject("thresholds").getJsonArray("http_req_duration").getString(0)).isEqualTo("p(95)<1000");
    assertThat(steps.getJsonObject("thinkTimeS").getDouble("min")).isEqualTo(3.0);
  }

  @Test
  void measurementsTakeTheSamplesOfTheirOwnWindow() {
    SizingPlan plan = new SizingPlan(UnitSpec.DEFAULT, 1, List.of(10, 20), 1, 0, 10, 0, Slo.DEFAULT, Prices.seoul(), 200, 0.2,
      40, 20, 3, 5, 30, 50, null);
    StepSchedule schedule = new StepSchedule(plan);
    long t0 = 1_000_000_000L;
    List<Sample> samples = new ArrayList<>();
    for (int s = 1; s <= 20; s++) {
      // 30 % CPU in the first 10 s, 60 % in the next; GC adds 5 ms a second
      samples.add(new Sample(t0 + s * 1000L, s <= 10 ? 30 : 60, 100 + s, 50, s * 0.005, s, 0, 80));
    }
    JsonArray steps = new JsonArray();
    for (String name : List.of("m1-10", "m1-20")) {
      steps.add(new JsonObject().put("name", name).put("requests", 40).put("failures", 1)
        .put("latencyMs", new JsonObject().put("avg", 100.0).put("p50", 90.0).put("p95", 200.0).put("p99", 300.0).put("max", 400.0))
        .put("statusCodes", new JsonObject().put("200", 39).put("504", 1)));
    }
    JsonObject result = new JsonObject().put("startedAt", Instant.ofEpochMilli(t0).toString()).put("steps", steps);
    List<StepMeasurement> measured = SizingRunner.measurements(schedule, result, samples);
    assertThat(measured).hasSize(2);
    StepMeasurement first = measured.get(0);
    assertThat(first.vus()).isEqualTo(10);
    assertThat(first.tps()).isCloseTo(4.0, within(1e-9));
    assertThat(first.cpuPercent()).isCloseTo(30, within(1e-9));      // samples at 1..10 s
    assertThat(first.samples()).isEqualTo(10);
    assertThat(first.gcPauseMsPerS()).isCloseTo(5, within(1e-9));
    assertThat(first.statusCodes()).containsEntry("504", 1L);
    assertThat(measured.get(1).cpuPercent()).isCloseTo(60, within(1e-9)); // samples at 11..20 s
    assertThat(measured.get(1).memoryMb()).isCloseTo(115.5, within(1e-9));
  }
}
