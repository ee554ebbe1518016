package io.github.imageloader.loader;

/**
 * A token bucket that caps hedges at a share of reads: every read adds {@code percent / 100} of a token, a
 * hedge takes a whole one, and at most {@value #BURST} are saved up. When every read is slow the bucket runs
 * dry and reads simply wait, instead of doubling the load on a storage that is already struggling.
 * Confined to one event loop.
 */
final class HedgeBudget {

  private static final double BURST = 10;

  private final double perRead;
  private double tokens = BURST;

  HedgeBudget(int percent) {
    this.perRead = percent / 100.0;
  }

  void read() {
    tokens = Math.min(BURST, tokens + perRead);
  }

  boolean tryTake() {
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
