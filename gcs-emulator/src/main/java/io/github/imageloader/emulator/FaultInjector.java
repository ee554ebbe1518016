package io.github.imageloader.emulator;

import java.util.List;
import java.util.Random;

/**
 * Decides, per request, which faults to inject according to the current {@link FaultSettings}.
 * Decisions are independent draws checked in order reset, error, then (all possible) truncate,
 * corrupt and stall; a request that is reset or errored gets nothing else. The read tail is drawn
 * apart, before any of them.
 */
public final class FaultInjector {

  private final FaultSettings defaults;
  private final Random random;
  private volatile FaultSettings settings;

  public FaultInjector(FaultSettings defaults, long seed) {
    this.defaults = defaults;
    this.settings = defaults;
    this.random = new Random(seed);
  }

  public FaultSettings settings() {
    return settings;
  }

  /** Baseline used for keys a PUT omits, and restored by {@link #clear()}. */
  public FaultSettings defaults() {
    return defaults;
  }

  public void replace(FaultSettings newSettings) {
    this.settings = newSettings;
  }

  public void clear() {
    this.settings = defaults;
  }

  public boolean isDown() {
    return settings.down();
  }

  /** First-byte delay for the next object request: latency ± uniform jitter, never negative. */
  public long nextLatencyMs() {
    FaultSettings current = settings;
    if (current.jitterMs() == 0) {
      return current.latencyMs();
    }
    long jitter = nextLong(2 * current.jitterMs() + 1) - current.jitterMs();
    return Math.max(0, current.latencyMs() + jitter);
  }

  public DownloadFault nextDownloadFault() {
    FaultSettings current = settings;
    if (roll(current.resetRate())) {
      return new DownloadFault(0, true, false, false, 0, 0);
    }
    if (roll(current.errorRate())) {
      List<Integer> statuses = current.errorStatuses();
      return new DownloadFault(statuses.get(nextInt(statuses.size())), false, false, false, 0, 0);
    }
    boolean truncate = roll(current.truncateRate());
    boolean corrupt = roll(current.corruptRate());
    long stallMs = roll(current.stallRate()) ? current.stallMs() : 0;
    if (!truncate && !corrupt && current.bandwidthBytesPerSec() == 0 && stallMs == 0) {
      return DownloadFault.NONE;
    }
    return new DownloadFault(0, false, truncate, corrupt, current.bandwidthBytesPerSec(), stallMs);
  }

  /** The extra first-byte delay of an object read that falls in the tail, or 0 for one that does not. */
  public long nextTailMs() {
    FaultSettings current = settings;
    return roll(current.tailRate()) ? current.tailMs() : 0;
  }

  private boolean roll(double rate) {
    if (rate <= 0) {
      return false;
    }
    if (rate >= 1) {
      return true;
    }
    synchronized (random) {
      return random.nextDouble() < rate;
    }
  }

  private int nextInt(int bound) {
    synchronized (random) {
      return random.nextInt(bound);
    }
  }

  private long nextLong(long bound) {
    synchronized (random) {
      return (long) (random.nextDouble() * bound);
    }
  }
}
