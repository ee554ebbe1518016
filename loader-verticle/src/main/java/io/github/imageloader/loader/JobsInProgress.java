package io.github.imageloader.loader;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/** Counts the jobs a loader has started and not yet answered, so that stopping can wait for them. */
final class JobsInProgress {

  private static final long POLL_MS = 50;

  private int count;

  void started() {
    count++;
  }

  void finished() {
    count--;
  }

  int count() {
    return count;
  }

  /** Completes once no job is in progress, or after {@code timeoutMs} with the number still running. */
  Future<Integer> drained(Vertx vertx, long timeoutMs) {
    Promise<Integer> done = Promise.promise();
    long giveUpAt = System.currentTimeMillis() + timeoutMs;
    check(vertx, done, giveUpAt);
    return done.future();
  }

  private void check(Vertx vertx, Promise<Integer> done, long giveUpAt) {
    if (count == 0 || System.currentTimeMillis() >= giveUpAt) {
      done.complete(count);
    } else {
      vertx.setTimer(POLL_MS, id -> check(vertx, done, giveUpAt));
    }
  }
}
