package io.github.imageloader.loader;

import java.util.Arrays;

/**
 * The recent first-byte latencies of one bucket (or signed-URL host): the last {@value #SIZE} reads, with
 * their 95th percentile recomputed every {@value #EVERY} reads (a sort of 256 numbers, not one per read).
 * Confined to one event loop.
 */
final class LatencyWindow {

  private static final int SIZE = 256;
  private static final int EVERY = 32;

  private final long[] micros = new long[SIZE];
  private long recorded;
  // read by the metrics scrape on another thread
  private volatile long p95Micros = -1;

  void record(long latencyMicros) {
    micros[(int) (recorded % SIZE)] = latencyMicros;
    recorded++;
    if (recorded % EVERY == 0) {
      long[] sorted = Arrays.copyOf(micros, (int) Math.min(recorded, SIZE));
      Arrays.sort(sorted);
      p95Micros = sorted[(int) Math.ceil(sorted.length * 0.95) - 1];
    }
  }

  /** The 95th percentile in milliseconds, or -1 until {@value #EVERY} reads have been seen. */
  long p95Ms() {
    return p95Micros < 0 ? -1 : (p95Micros + 999) / 1000;
  }
}
