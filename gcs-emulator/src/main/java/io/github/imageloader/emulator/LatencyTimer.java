package io.github.imageloader.emulator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;

/** Injects the configured first-byte latency with a Vert.x timer, never by blocking. */
final class LatencyTimer {

  private final Vertx vertx;
  private final FaultInjector faults;

  LatencyTimer(Vertx vertx, FaultInjector faults) {
    this.vertx = vertx;
    this.faults = faults;
  }

  Future<Void> delay() {
    return delay(0);
  }

  /** The first-byte delay plus {@code extraMs} (an object read in the tail). */
  Future<Void> delay(long extraMs) {
    long delayMs = faults.nextLatencyMs() + extraMs;
    return delayMs <= 0 ? Future.succeededFuture() : vertx.timer(delayMs, TimeUnit.MILLISECONDS);
  }
}
