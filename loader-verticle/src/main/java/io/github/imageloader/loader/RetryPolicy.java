package io.github.imageloader.loader;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Bounded retries with exponential back-off and jitter, never past the job's deadline. Only failures
 * that {@code classify} marks retryable (408, 429, 5xx, connection errors, checksum mismatches) are retried.
 */
final class RetryPolicy {

  private final Vertx vertx;
  private final int maxAttempts;
  private final long baseDelayMs;
  private final long maxDelayMs;

  RetryPolicy(Vertx vertx, int maxAttempts, long baseDelayMs, long maxDelayMs) {
    this.vertx = vertx;
    this.maxAttempts = Math.max(1, maxAttempts);
    this.baseDelayMs = Math.max(1, baseDelayMs);
    this.maxDelayMs = Math.max(baseDelayMs, maxDelayMs);
  }

  /**
   * Runs {@code attempt} (given the attempt number, from 1) until it succeeds, fails for good, runs out
   * of attempts, or the next back-off would end after {@code deadlineEpochMs}.
   */
  <T> Future<T> run(long deadlineEpochMs, IntFunction<Future<T>> attempt,
                    Function<Throwable, UpstreamException> classify, Consumer<UpstreamException> onRetry) {
    return attempt(1, deadlineEpochMs, attempt, classify, onRetry);
  }

  private <T> Future<T> attempt(int number, long deadlineEpochMs, IntFunction<Future<T>> attempt,
                                Function<Throwable, UpstreamException> classify, Consumer<UpstreamException> onRetry) {
    return Future.<T>future(promise -> attempt.apply(number).onComplete(promise)).recover(error -> {
      UpstreamException failure = classify.apply(error);
      long delay = backoffMs(number);
      if (!failure.retryable() || number >= maxAttempts || System.currentTimeMillis() + delay >= deadlineEpochMs) {
        return Future.failedFuture(failure);
      }
      onRetry.accept(failure);
      return vertx.timer(delay).compose(v -> attempt(number + 1, deadlineEpochMs, attempt, classify, onRetry));
    });
  }

  /** "Equal jitter": half the exponential step is fixed, half random, so retries spread but still back off. */
  long backoffMs(int attemptNumber) {
    long step = Math.min(maxDelayMs, baseDelayMs << Math.min(attemptNumber - 1, 20));
    return Math.max(1, step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1));
  }
}
