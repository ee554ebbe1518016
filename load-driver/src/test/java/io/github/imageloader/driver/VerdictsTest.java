package io.github.imageloader.driver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The soak and spike acceptance rules on synthetic results with known answers, and jstat parsing. */
class VerdictsTest {

  private static JsonObject step(String name, long requests, double p95) {
    return new JsonObject().put("name", name).put("requests", requests).put("failures", 0)
      .put("latencyMs", new JsonObject().put("p95", p95));
  }

  private static JsonObject spike(JsonObject statuses, double before, double r10, double r20, double r30) {
    long requests = statuses.stream().mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
    return new JsonObject()
      .put("overall", new JsonObject().put("requests", requests).put("failures", 0).put("statusCodes", statuses))
      .put("steps", new JsonArray(new ArrayList<>(List.of(step("before", 75, before), step("surge", 200, 3000), step("hold", 900, 2500),
        step("drop", 100, 900), step("recover-10s", 25, r10), step("recover-20s", 25, r20), step("recover-30s", 25, r30),
        step("after", 75, before)))));
  }

  @Test
  void spikePassesWith503SheddingAndARecoveryWithin30Seconds() {
    Verdict verdict = SpikeVerdict.judge(spike(new JsonObject().put("200", 1300).put("503", 120), 120, 400, 170, 130), 1.5);
    assertThat(verdict.passed()).as(verdict.text()).isTrue();
    assertThat(verdict.text()).contains("by the end of recover-20s").contains("503 shed: 120");
  }

  @Test
  void spikeFailsOnAnyOther5xxOrMissingResponse() {
    assertThat(SpikeVerdict.judge(spike(new JsonObject().put("200", 1300).put("502", 1), 120, 120, 120, 120), 1.5).passed()).isFalse();
    assertThat(SpikeVerdict.judge(spike(new JsonObject().put("200", 1300).put("504", 3), 120, 120, 120, 120), 1.5).passed()).isFalse();
    assertThat(SpikeVerdict.judge(spike(new JsonObject().put("200", 1300).put("0", 1), 120, 120, 120, 120), 1.5).passed()).isFalse();
  }

  @Test
  void spikeFailsWhenP95IsStillHigh30SecondsAfterTheDrop() {
    Verdict verdict = SpikeVerdict.judge(spike(new JsonObject().put("200", 1300), 120, 900, 400, 181), 1.5);
    assertThat(verdict.passed()).isFalse();
    assertThat(verdict.text()).contains("within 30 s: no");
    // 180 ms is exactly 1.5 x 120 ms: back.
    assertThat(SpikeVerdict.judge(spike(new JsonObject().put("200", 1300), 120, 900, 400, 180), 1.5).passed()).isTrue();
  }

  @Test
  void aRecoveryStepStillSheddingIsNotRecoveredHoweverFastIts503s() {
    JsonObject result = spike(new JsonObject().put("200", 1300).put("503", 40), 120, 60, 60, 60);
    result.getJsonArray("steps").stream().map(JsonObject.class::cast).filter(s -> s.getString("name").startsWith("recover"))
      .forEach(s -> s.put("failures", 5));
    assertThat(SpikeVerdict.judge(result, 1.5).passed()).isFalse();
  }

  @Test
  void spikeRefusesAResultWithoutTheRecoverySteps() {
    JsonObject result = spike(new JsonObject().put("200", 10), 100, 100, 100, 100);
    result.getJsonArray("steps").remove(5);
    assertThatThrownBy(() -> SpikeVerdict.judge(result, 1.5)).hasMessageContaining("recover-20s");
  }

  private static JsonObject soakResult(long failures) {
    return new JsonObject().put("overall", new JsonObject().put("requests", 12_000).put("failures", failures)
      .put("statusCodes", new JsonObject().put("200", 12_000 - failures)));
  }

  private static JsonObject heap(long... megabytes) {
    return new JsonObject().put("samples", new JsonArray(IntStream.range(0, megabytes.length)
      .mapToObj(i -> new JsonObject().put("atS", i * 60).put("heapAfterGcBytes", megabytes[i] * 1_000_000)).toList()));
  }

  @Test
  void soakPassesWhenNothingFailsAndTheHeapAfterGcStaysWithinTenPercent() {
    // First third median 50 MB, last third median 54 MB: +8 %; one outlier per third does not decide.
    Verdict verdict = SoakVerdict.judge(soakResult(0), heap(50, 49, 90, 51, 60, 70, 54, 120, 53), 0.10);
    assertThat(verdict.passed()).as(verdict.text()).isTrue();
    assertThat(verdict.text()).contains("50.0 MB").contains("54.0 MB").contains("+8.0%");
  }

  @Test
  void soakFailsOnGrowthAboveTheLimitOrAnyFailedRequest() {
    Verdict leak = SoakVerdict.judge(soakResult(0), heap(50, 50, 50, 53, 54, 55, 56, 56, 57), 0.10);
    assertThat(leak.passed()).isFalse();
    assertThat(leak.text()).contains("+12.0%");
    assertThat(SoakVerdict.judge(soakResult(1), heap(50, 50, 50, 50, 50, 50), 0.10).passed()).isFalse();
    assertThat(SoakVerdict.judge(soakResult(0), heap(50, 50), 0.10).passed()).as("too few samples to judge").isFalse();
  }

  @Test
  void liveBytesAreTheClassHistogramsTotal() {
    String histogram = """
      12345:
       num     #instances         #bytes  class name (module)
      -------------------------------------------------------
         1:         40012        9876544  [B (java.base@17.0.15)
         2:          1200          28800  java.lang.String (java.base@17.0.15)
      Total        155166       12936992
      """;
    assertThat(HeapSampler.liveBytes(histogram)).isEqualTo(12_936_992);
    assertThatThrownBy(() -> HeapSampler.liveBytes("12345:\nAttach failed")).isInstanceOf(IllegalArgumentException.class);
  }

  /** A step of a run past saturation: {@code ok} 200s and {@code shed} 503s over 40 s. */
  private static JsonObject overloadStep(int vus, long ok, long shed, long timeouts, double okP95, double shedP95) {
    long requests = ok + shed + timeouts;
    JsonObject statuses = new JsonObject().put("200", ok);
    if (shed > 0) {
      statuses.put("503", shed);
    }
    if (timeouts > 0) {
      statuses.put("504", timeouts);
    }
    return new JsonObject().put("name", Integer.toString(vus)).put("vus", vus).put("requests", requests)
      .put("failures", shed + timeouts).put("rps", requests / 40.0)
      .put("latencyMs", new JsonObject().put("p95", Math.max(okP95, shedP95)))
      .put("statusCodes", statuses)
      .put("okLatencyMs", new JsonObject().put("p95", okP95))
      .put("shedLatencyMs", shed > 0 ? new JsonObject().put("p95", shedP95) : new JsonObject());
  }

  private static JsonObject overload(JsonObject... steps) {
    return new JsonObject().put("steps", new JsonArray(List.of((Object[]) steps)));
  }

  @Test
  void overloadPassesWhenGoodputHoldsPastSaturationWithFastShedsAndNo504() {
    Verdict verdict = OverloadVerdict.judge(overload(overloadStep(45, 450, 0, 0, 120, 0), overloadStep(90, 900, 0, 0, 300, 0),
      overloadStep(180, 880, 900, 0, 600, 5), overloadStep(360, 850, 2700, 0, 700, 8)), 1000, 0.9, 50);
    assertThat(verdict.passed()).as(verdict.text()).isTrue();
    assertThat(verdict.text()).contains("capacity (no failure, p95 <= 1000 ms): 90 VUs").contains("504 answers: 0");
  }

  @Test
  void overloadFailsOnCollapseSlowShedsOrAny504() {
    JsonObject collapse = overload(overloadStep(90, 900, 0, 0, 300, 0), overloadStep(180, 500, 900, 0, 600, 5));
    assertThat(OverloadVerdict.judge(collapse, 1000, 0.9, 50).passed()).isFalse();
    JsonObject slowSheds = overload(overloadStep(90, 900, 0, 0, 300, 0), overloadStep(180, 880, 900, 0, 600, 400));
    assertThat(OverloadVerdict.judge(slowSheds, 1000, 0.9, 50).passed()).isFalse();
    JsonObject timeouts = overload(overloadStep(90, 900, 0, 0, 300, 0), overloadStep(180, 880, 100, 3, 600, 5));
    assertThat(OverloadVerdict.judge(timeouts, 1000, 0.9, 50).passed()).isFalse();
  }
}
