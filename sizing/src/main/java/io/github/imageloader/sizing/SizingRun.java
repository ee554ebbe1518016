package io.github.imageloader.sizing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * The raw record of a run, as written to {@code sizing-run.json}: the plan, how the units were warmed up (null in
 * records made before the warm-up was checked), every measured step and every sample.
 */
public record SizingRun(SizingPlan plan, String startedAt, String finishedAt, String loadTool, String confinement,
                        int hostCpus, String command, List<StepMeasurement> steps, List<Sample> samples, Warmup warmup) {

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("schemaVersion", 1).put("plan", plan.toJson()).put("startedAt", startedAt)
      .put("finishedAt", finishedAt).put("loadTool", loadTool).put("confinement", confinement).put("hostCpus", hostCpus)
      .put("command", command)
      .put("steps", new JsonArray(steps.stream().map(StepMeasurement::toJson).toList()))
      .put("samples", new JsonArray(samples.stream().map(Sample::toJson).toList()));
    if (warmup != null) {
      json.put("warmup", warmup.toJson());
    }
    return json;
  }

  public static SizingRun fromJson(JsonObject json) {
    if (json.getInteger("schemaVersion", 0) != 1) {
      throw new IllegalArgumentException("not a sizing run (schemaVersion 1 expected)");
    }
    return new SizingRun(SizingPlan.fromJson(json.getJsonObject("plan")), json.getString("startedAt"),
      json.getString("finishedAt"), json.getString("loadTool"), json.getString("confinement"), json.getInteger("hostCpus"),
      json.getString("command", ""),
      json.getJsonArray("steps").stream().map(o -> StepMeasurement.fromJson((JsonObject) o)).toList(),
      json.getJsonArray("samples").stream().map(o -> Sample.fromJson((JsonObject) o)).toList(),
      json.containsKey("warmup") ? Warmup.fromJson(json.getJsonObject("warmup")) : null);
  }
}
