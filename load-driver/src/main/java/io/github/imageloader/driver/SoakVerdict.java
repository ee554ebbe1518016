package io.github.imageloader.driver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Judges a soak run: no failed request at all, and the service's heap after a full GC growing by no more
 * than {@code maxGrowth} between the first and the last third of the run (median of each third's samples,
 * so one sample taken mid-burst does not decide).
 */
final class SoakVerdict {

  private SoakVerdict() {
  }

  /** @param heap samples as {@link HeapSampler} writes them */
  static Verdict judge(JsonObject result, JsonObject heap, double maxGrowth) {
    List<String> findings = new ArrayList<>();
    JsonObject overall = result.getJsonObject("overall");
    long failures = overall.getLong("failures");
    boolean passed = failures == 0 && overall.getLong("requests") > 0;
    findings.add(SpikeVerdict.mark(passed) + "failed requests: " + failures + " of " + overall.getLong("requests")
      + "; " + overall.getJsonObject("statusCodes").encode());

    JsonArray samples = heap.getJsonArray("samples");
    if (samples.size() < 3) {
      findings.add(SpikeVerdict.mark(false) + "heap after GC: only " + samples.size() + " samples, at least 3 are needed");
      return new Verdict("soak", false, findings);
    }
    List<Long> bytes = samples.stream().map(JsonObject.class::cast).map(s -> s.getLong("heapAfterGcBytes")).toList();
    int third = bytes.size() / 3;
    long first = median(bytes.subList(0, third));
    long last = median(bytes.subList(bytes.size() - third, bytes.size()));
    double growth = (double) (last - first) / first;
    boolean flat = growth <= maxGrowth;
    passed &= flat;
    findings.add(SpikeVerdict.mark(flat) + String.format("heap after GC: %.1f MB (first third, median of %d) -> %.1f MB (last third): %+.1f%% (limit %+.0f%%)",
      first / 1e6, third, last / 1e6, growth * 100, maxGrowth * 100));
    return new Verdict("soak", passed, findings);
  }

  static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
