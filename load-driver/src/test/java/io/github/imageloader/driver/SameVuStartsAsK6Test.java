package io.github.imageloader.driver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The k6 options the scripts build ({@code k6/lib/options.js}, run by node) and the driver's {@link VuSchedule}
 * for the same scenario must start (and stop) VUs at the same moments: every scenario of {@code k6/scenarios.json}
 * and a sizing-like ladder (warm-up and measured stages per level, a drop back for the second repeat). k6's
 * executors are modelled here as k6 v1 runs them: constant-vus starts all its VUs at its startTime; ramping-vus
 * starts VU u of a ramp a→b over D at D·(u−a)/(b−a) and stops VU u of a ramp down at D·(a−u+1)/(a−b) (checked
 * against the real k6 v1.3.0 by logging each VU's first iteration).
 */
class SameVuStartsAsK6Test {

  /** What k6 and the driver plan for one VU slot: it runs from startMs to endMs. */
  record Run(long startMs, long endMs) {
  }

  private static Path scenariosFile;

  @BeforeAll
  static void sizingLadder(@TempDir Path dir) throws Exception {
    JsonObject definitions = ScenarioDefinitionTest.definitions();
    JsonArray stages = new JsonArray();
    stages.add(stage("w0-20", 30, 20));
    for (int repeat = 1; repeat <= 2; repeat++) {
      for (int vus : List.of(10, 20, 30)) {
        stages.add(stage("w" + repeat + "-" + vus, 10, vus)).add(stage("m" + repeat + "-" + vus, 20, vus));
      }
    }
    definitions.put("sizing-ladder", definitions.getJsonObject("steps").copy().put("stages", stages).put("staggerS", 4.5));
    definitions.put("held-at-once", definitions.getJsonObject("steps").copy().put("stages", stages).put("staggerS", 0));
    scenariosFile = dir.resolve("scenarios.json");
    Files.writeString(scenariosFile, definitions.encodePrettily());
  }

  private static JsonObject stage(String name, int seconds, int target) {
    return new JsonObject().put("duration", seconds + "s").put("target", target).put("name", name);
  }

  @TestFactory
  Stream<DynamicTest> everyScenarioStartsItsVusWhenK6Does() throws Exception {
    JsonObject definitions = new JsonObject(Files.readString(scenariosFile));
    return definitions.fieldNames().stream().sorted().map(name -> DynamicTest.dynamicTest(name, () -> {
      JsonObject k6Options = k6Options(name);
      List<Run> k6 = k6Runs(k6Options.getJsonObject("scenarios"));
      List<Run> driver = VuSchedule.of(ScenarioDefinition.from(name, definitions.getJsonObject(name))).all().stream()
        .map(interval -> new Run(interval.startMs(), interval.endMs())).sorted(ORDER).toList();
      assertThat(driver).as("VU runs of %s: driver against k6", name).hasSize(k6.size());
      for (int i = 0; i < k6.size(); i++) {
        // k6 divides nanoseconds, the driver milliseconds
        assertThat(driver.get(i).startMs()).as("%s: start of VU run %d of %d", name, i + 1, k6.size()).isCloseTo(k6.get(i).startMs(), org.assertj.core.data.Offset.offset(1L));
        assertThat(driver.get(i).endMs()).as("%s: end of VU run %d of %d", name, i + 1, k6.size()).isCloseTo(k6.get(i).endMs(), org.assertj.core.data.Offset.offset(1L));
      }
    }));
  }

  private static final Comparator<Run> ORDER = Comparator.comparingLong(Run::startMs).thenComparingLong(Run::endMs);

  /** Every VU run k6 plans for these scenarios, ordered by start (then end). */
  static List<Run> k6Runs(JsonObject scenarios) {
    List<Run> runs = new ArrayList<>();
    for (String name : scenarios.fieldNames()) {
      JsonObject scenario = scenarios.getJsonObject(name);
      long offset = K6Duration.parseMs(scenario.getString("startTime", "0s"));
      switch (scenario.getString("executor")) {
        case "constant-vus" -> {
          long end = offset + K6Duration.parseMs(scenario.getString("duration"));
          for (int i = 0; i < scenario.getInteger("vus", 1); i++) {
            runs.add(new Run(offset, end));
          }
        }
        case "ramping-vus" -> runs.addAll(rampingRuns(scenario, offset));
        default -> throw new AssertionError("no model of k6's " + scenario.getString("executor") + " executor");
      }
    }
    runs.sort(ORDER);
    return runs;
  }

  private static List<Run> rampingRuns(JsonObject scenario, long offset) {
    List<Run> runs = new ArrayList<>();
    List<Long> started = new ArrayList<>(); // start of the running VU u at index u - 1
    int level = scenario.getInteger("startVUs", 1);
    for (int u = 0; u < level; u++) {
      started.add(offset);
    }
    long at = offset;
    for (Object item : scenario.getJsonArray("stages")) {
      JsonObject stage = (JsonObject) item;
      long duration = K6Duration.parseMs(stage.getString("duration"));
      int target = stage.getInteger("target");
      for (int u = level + 1; u <= target; u++) {
        started.add(at + duration * (u - level) / (target - level));
      }
      for (int u = level; u > target; u--) {
        runs.add(new Run(started.remove(u - 1), at + duration * (level - u + 1) / (level - target)));
      }
      level = target;
      at += duration;
    }
    for (long start : started) {
      runs.add(new Run(start, at));
    }
    return runs;
  }

  private static JsonObject k6Options(String scenario) throws IOException, InterruptedException {
    Process node;
    try {
      node = new ProcessBuilder("node", "../k6/ci/print-options.js", scenariosFile.toString(), scenario).redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeTrue(false, "needs node on the PATH (as `cd k6 && npm test` does): " + e.getMessage());
      throw e;
    }
    String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(node.exitValue()).as(output).isZero();
    return new JsonObject(output);
  }
}
