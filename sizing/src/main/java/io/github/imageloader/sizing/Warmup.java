package io.github.imageloader.sizing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What the fresh units' warm-up did, as the report states it: {@code vus} VUs for {@code seconds}, ended because the
 * {@link WarmupCheck} found the units warm ({@code WARM}), because its limit came first ({@code LIMIT}: measured
 * anyway, and said so), or after a fixed time ({@code FIXED}); with the windows it judged.
 */
record Warmup(int vus, WarmupCheck check, Outcome outcome, double seconds, List<WarmupCheck.Window> windows) {

  enum Outcome { WARM, LIMIT, FIXED }

  Warmup {
    windows = List.copyOf(windows);
  }

  /** One sentence for the report: how long, and how it was decided. */
  String describe() {
    String windowsText = windows.stream()
      .map(w -> String.format("%.0f s: %s ms CPU/batch, mean %s ms", w.endS(), Format.fixed(w.cpuMsPerBatch(), 1), Format.fixed(w.meanMs(), 0)))
      .collect(Collectors.joining("; "));
    return switch (outcome) {
      case WARM -> String.format("%d VUs for %.0f s, until the unit was warm: two consecutive %d s windows agreed within ±%.0f %% on the "
          + "CPU the unit spent per batch (at least %d s; windows: %s)", vus, seconds, check.windowS(), check.tolerance() * 100,
        check.minimumS(), windowsText);
      case LIMIT -> String.format("%d VUs for %.0f s, the limit, and **the unit was not warm**: no two consecutive %d s windows agreed "
          + "within ±%.0f %% on CPU per batch (windows: %s); the first steps may measure a JVM still compiling", vus, seconds,
        check.windowS(), check.tolerance() * 100, windowsText);
      case FIXED -> String.format("%d VUs for a fixed %.0f s (`--warm-window 0`: not checked)", vus, seconds);
    };
  }

  JsonObject toJson() {
    return new JsonObject().put("vus", vus).put("check", check.toJson()).put("outcome", outcome.name()).put("seconds", seconds)
      .put("windows", new JsonArray(windows.stream().map(WarmupCheck.Window::toJson).toList()));
  }

  static Warmup fromJson(JsonObject json) {
    return new Warmup(json.getInteger("vus"), WarmupCheck.fromJson(json.getJsonObject("check")), Outcome.valueOf(json.getString("outcome")),
      json.getDouble("seconds"), json.getJsonArray("windows").stream().map(o -> WarmupCheck.Window.fromJson((JsonObject) o)).toList());
  }
}
