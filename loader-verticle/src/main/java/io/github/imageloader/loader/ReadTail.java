package io.github.imageloader.loader;

import java.util.HashMap;
import java.util.Map;

/**
 * The loader's defence against a latency tail in storage, shared by its reads: when to hedge a read whose first
 * byte is late (about the bucket's recent 95th percentile of first-byte latency, within bounds), whether the
 * hedge budget allows it, and how long a body may stop arriving before it is resumed. One per loader instance,
 * confined to its event loop like the HTTP client it serves.
 */
final class ReadTail {

  /** A body silent for this many times the usual first-byte wait is stalled, not merely slow. */
  private static final int STALL_FACTOR = 4;

  private final TailSettings settings;
  private final HedgeBudget budget;
  private final LoaderMetrics metrics;
  private final Map<String, LatencyWindow> windows = new HashMap<>();

  ReadTail(TailSettings settings, LoaderMetrics metrics) {
    this.settings = settings;
    this.budget = new HedgeBudget(settings.hedgeBudgetPercent());
    this.metrics = metrics;
  }

  TailSettings settings() {
    return settings;
  }

  /** A new read of {@code key}'s: it earns the hedge budget its share. */
  void readStarted() {
    budget.read();
  }

  void firstByte(String key, long nanos) {
    window(key).record(nanos / 1000);
  }

  long hedgeDelayMs(String key) {
    return hedgeDelayMs(window(key));
  }

  long stallLimitMs(String key) {
    long p95 = window(key).p95Ms();
    return p95 < 0 ? settings.stallMaxMs() : clamp(STALL_FACTOR * p95, settings.stallMinMs(), settings.stallMaxMs());
  }

  /** Takes a hedge from the budget; {@code false} (and counted) when it is spent. */
  boolean tryHedge() {
    if (!budget.tryTake()) {
      metrics.hedge("refused");
      return false;
    }
    metrics.hedge("sent");
    return true;
  }

  void hedgeWon() {
    metrics.hedge("won");
  }

  void resumed() {
    metrics.readResumed();
  }

  private long hedgeDelayMs(LatencyWindow window) {
    long p95 = window.p95Ms();
    return p95 < 0 ? settings.hedgeMaxDelayMs() : clamp(p95, settings.hedgeMinDelayMs(), settings.hedgeMaxDelayMs());
  }

  private LatencyWindow window(String key) {
    LatencyWindow window = windows.get(key);
    if (window == null) {
      LatencyWindow created = new LatencyWindow();
      windows.put(key, created);
      if (settings.hedge()) {
        metrics.hedgeDelay(key, () -> hedgeDelayMs(created));
      }
      return created;
    }
    return window;
  }

  private static long clamp(long value, long min, long max) {
    return Math.max(min, Math.min(max, value));
  }
}
