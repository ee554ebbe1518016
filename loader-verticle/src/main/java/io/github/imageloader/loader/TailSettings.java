package io.github.imageloader.loader;

/**
 * How the {@code http} transport defends a read against storage's latency tail (README "Tail latency").
 *
 * @param hedge            send a second request for a read whose first byte is late
 * @param hedgeMinDelayMs  the hedge delay's floor: below it a hedge would mostly duplicate ordinary reads
 * @param hedgeMaxDelayMs  the hedge delay's ceiling, and the delay before enough reads are seen to adapt
 * @param hedgeBudgetPercent hedges allowed per hundred reads, so a storage-wide slowdown never doubles its load
 * @param hedgesMax        hedges one read may send, one more after each hedge delay without a first byte
 * @param stallMinMs       the floor of how long a body may stop arriving before it is resumed elsewhere
 * @param stallMaxMs       that limit's ceiling, and the limit before enough reads are seen to adapt
 * @param resumesMax       resumes of one read's body (0: stalled bodies are never resumed)
 */
record TailSettings(boolean hedge, long hedgeMinDelayMs, long hedgeMaxDelayMs, int hedgeBudgetPercent, int hedgesMax,
                    long stallMinMs, long stallMaxMs, int resumesMax) {

  TailSettings {
    if (hedgeMinDelayMs > hedgeMaxDelayMs) {
      throw new IllegalArgumentException("HEDGE_DELAY_MIN_MS must not exceed HEDGE_DELAY_MAX_MS");
    }
    if (stallMinMs > stallMaxMs) {
      throw new IllegalArgumentException("READ_STALL_MIN_MS must not exceed READ_STALL_MAX_MS");
    }
    if (hedgesMax < 1) {
      throw new IllegalArgumentException("HEDGES_MAX must be 1 or more, not " + hedgesMax);
    }
    if (resumesMax < 0) {
      throw new IllegalArgumentException("READ_RESUMES_MAX must be 0 or more, not " + resumesMax);
    }
  }

  /** Whether a read needs a watch at all: neither defence on costs no timer per read. */
  boolean watches() {
    return hedge || resumesMax > 0;
  }
}
