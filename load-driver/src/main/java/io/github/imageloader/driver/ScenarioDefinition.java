package io.github.imageloader.driver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scenario of {@code k6/scenarios.json}, read with the same meaning the k6 scripts give it
 * ({@code k6/lib/options.js}): stages held constant, or ramped linearly when {@code rampUp} is true; the VUs a
 * held stage adds start spread over {@code staggerMs} ({@link VuSchedule}).
 */
record ScenarioDefinition(String name, String request, List<Stage> stages, boolean rampUp, long staggerMs,
                          double thinkMinS, double thinkMaxS, int batchMin, int batchMax, int imageCount,
                          Map<String, List<String>> thresholds) {

  static ScenarioDefinition from(String name, JsonObject json) {
    List<Stage> stages = new ArrayList<>();
    JsonArray stageArray = json.getJsonArray("stages");
    for (int i = 0; i < stageArray.size(); i++) {
      JsonObject stage = stageArray.getJsonObject(i);
      int target = stage.getInteger("target");
      stages.add(new Stage(stage.getString("name"),
        K6Duration.parseMs(stage.getString("duration")), target));
    }
    Map<String, List<String>> thresholds = new LinkedHashMap<>();
    JsonObject thresholdJson = json.getJsonObject("thresholds", new JsonObject());
    for (String metric : thresholdJson.fieldNames()) {
      thresholds.put(metric, thresholdJson.getJsonArray(metric).stream().map(Object::toString).toList());
    }
    JsonObject think = json.getJsonObject("thinkTimeS");
    JsonObject batch = json.getJsonObject("batchSize");
    double staggerS = json.getDouble("staggerS", 0.0);
    if (!(staggerS >= 0)) {
      throw new IllegalArgumentException("staggerS must be a number of seconds >= 0, got " + staggerS);
    }
    return new ScenarioDefinition(name, json.getString("request"), List.copyOf(stages), json.getBoolean("rampUp", false),
      Math.round(staggerS * 1000), think.getDouble("min"), think.getDouble("max"), batch.getInteger("min"), batch.getInteger("max"),
      json.getInteger("imageCount"), thresholds);
  }

  /**
   * Shortened or rescaled runs, as the k6 scripts take them from {@code __ENV}: a duration replaces every
   * stage's; a VU count replaces a single stage's target or scales every target to it (at least 1).
   */
  ScenarioDefinition withOverrides(Overrides overrides) {
    List<Stage> adjusted = stages;
    if (overrides.durationMs() != null) {
      adjusted = adjusted.stream().map(s -> new Stage(s.name(), overrides.durationMs(), s.target())).toList();
    }
    if (overrides.vus() != null) {
      int vus = overrides.vus();
      int max = maxVus();
      adjusted = adjusted.size() == 1
        ? List.of(new Stage(adjusted.get(0).name(), adjusted.get(0).durationMs(), vus))
        : adjusted.stream().map(s -> new Stage(s.name(), s.durationMs(), Math.max(1, Math.round((float) s.target() * vus / max)))).toList();
    }
    return new ScenarioDefinition(name, request, adjusted, rampUp, staggerMs,
      overrides.thinkMinS() != null ? overrides.thinkMinS() : thinkMinS,
      overrides.thinkMaxS() != null ? overrides.thinkMaxS() : thinkMaxS,
      overrides.batchMin() != null ? overrides.batchMin() : batchMin,
      overrides.batchMax() != null ? overrides.batchMax() : batchMax,
      imageCount, thresholds);
  }

  long totalMs() {
    return stages.stream().mapToLong(Stage::durationMs).sum();
  }

  int maxVus() {
    return stages.stream().mapToInt(Stage::target).max().orElse(0);
  }

  /** The stage running {@code elapsedMs} into the run (the last one at or after the end). */
  int stageIndexAt(long elapsedMs) {
    long end = 0;
    for (int i = 0; i < stages.size(); i++) {
      end += stages.get(i).durationMs();
      if (elapsedMs < end) {
        return i;
      }
    }
    return stages.size() - 1;
  }
}
