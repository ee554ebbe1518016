package io.github.imageloader.driver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Collects every response into the run's overall stats and its step's, and renders the result JSON. */
final class RunRecorder {

  private final ScenarioDefinition scenario;
  private final StepStats overall = new StepStats();
  private final List<StepStats> steps = new ArrayList<>();
  private Instant startedAt = Instant.now();
  private long startedNanos = System.nanoTime();

  RunRecorder(ScenarioDefinition scenario) {
    this.scenario = scenario;
    scenario.stages().forEach(stage -> steps.add(new StepStats()));
  }

  /** The recorded part starts now (after an unrecorded warm-up); nothing was recorded before. */
  void restart() {
    startedAt = Instant.now();
    startedNanos = System.nanoTime();
  }

  long elapsedMs() {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }

  /** Records a response to a request that was sent during step {@code stageIndex}; status 0 means none came. */
  void record(int stageIndex, int status, long latencyNanos) {
    overall.record(status, latencyNanos);
    steps.get(stageIndex).record(status, latencyNanos);
  }

  StepStats overall() {
    return overall;
  }

  JsonObject result(String baseUrl, JsonObject upstream) {
    double seconds = elapsedMs() / 1000.0;
    JsonArray stepJson = new JsonArray();
    for (int i = 0; i < steps.size(); i++) {
      Stage stage = scenario.stages().get(i);
      stepJson.add(steps.get(i).toJson(stage.durationMs() / 1000.0).put("name", stage.label()).put("vus", stage.target()));
    }
    JsonArray thresholds = new JsonArray();
    boolean passed = overall.requests() > 0;
    for (Map.Entry<String, List<String>> metric : scenario.thresholds().entrySet()) {
      for (String expression : metric.getValue()) {
        boolean ok = ThresholdCheck.passes(metric.getKey(), expression, overall, seconds);
        passed &= ok;
        thresholds.add(new JsonObject().put("metric", metric.getKey()).put("expression", expression).put("ok", ok));
      }
    }
    JsonObject result = new JsonObject()
      .put("schemaVersion", 1)
      .put("tool", "java-driver")
      .put("scenario", scenario.name())
      .put("baseUrl", baseUrl)
      .put("startedAt", startedAt.toString())
      .put("durationS", seconds)
      .put("maxVus", scenario.maxVus())
      .put("overall", overall.toJson(seconds))
      .put("steps", stepJson)
      .put("thresholds", thresholds)
      .put("passed", passed);
    if (upstream != null) {
      result.put("upstream", upstream);
    }
    return result;
  }
}
