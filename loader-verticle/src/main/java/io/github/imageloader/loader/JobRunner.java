package io.github.imageloader.loader;

import com.netflix.concurrency.limits.Limiter;
import io.github.imageloader.contract.LoadFailure;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * What every loader job shares once its kind has decided what to fetch or store: the storage attempts (retried
 * by {@link RetryPolicy}, each through the host's circuit breaker), the one deadline rule, the one
 * classification of a failure, the metrics and the reply. The job's deadline (set by the api) bounds it all.
 */
final class JobRunner {

  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

  private final RetryPolicy retries;
  private final StorageCircuitBreakers breakers;
  private final LoaderMetrics metrics;
  private final JobsInProgress inProgress;
  private final JobAdmission admission;

  JobRunner(RetryPolicy retries, StorageCircuitBreakers breakers, LoaderMetrics metrics, JobsInProgress inProgress,
            JobAdmission admission) {
    this.retries = retries;
    this.breakers = breakers;
    this.metrics = metrics;
    this.inProgress = inProgress;
    this.admission = admission;
  }

  /**
   * Runs {@code attempt} against {@code host} until it succeeds, fails for good or the deadline comes, then
   * replies with {@code reply.to(result, attempts, elapsedMs)} or fails the message with the classified failure.
   *
   * @param kind  the job's kind for metrics: {@code object}, {@code url}, {@code store}
   * @param what  the object or URL, as the caller may see it in an error
   * @param doing what the job does, for a deadline message: "loading gs://b/a.jpg"
   */
  <T> void run(Message<?> message, String kind, String host, String what, String doing, long deadlineEpochMs,
               IntFunction<Future<T>> attempt, Reply<T> reply) {
    Limiter.Listener permit = admission.admit(message);
    if (permit == null) {
      return;
    }
    long started = System.nanoTime();
    inProgress.started();
    int[] attempts = {0};
    retries.run(deadlineEpochMs, n -> {
          attempts[0] = n;
          return breakers.attempt(host, () -> attempt.apply(n));
        }, error -> UpstreamException.classify(error, what), this::onRetry)
      .onComplete(outcome -> JobAdmission.release(permit, finish(message, kind, started, what, doing, deadlineEpochMs,
        outcome, result -> reply.to(result, attempts[0], (System.nanoTime() - started) / 1_000_000))));
  }

  /** Replies to a job that makes a single attempt outside the retries and breakers (a readiness probe). */
  <T> void once(Message<?> message, String kind, String what, long deadlineEpochMs, Future<T> attempt,
                Function<T, Object> reply) {
    long started = System.nanoTime();
    inProgress.started();
    attempt.onComplete(outcome -> finish(message, kind, started, what, "probing " + what, deadlineEpochMs, outcome, reply));
  }

  /** Replies, records and logs; returns the classified failure, or {@code null} for a success. */
  private <T> UpstreamException finish(Message<?> message, String kind, long startedNanos, String what, String doing,
                                       long deadlineEpochMs, AsyncResult<T> outcome, Function<T, Object> reply) {
    inProgress.finished();
    long nanos = System.nanoTime() - startedNanos;
    if (outcome.succeeded()) {
      metrics.jobDone(kind, "ok", nanos);
      message.reply(reply.apply(outcome.result()));
      return null;
    }
    UpstreamException failure = UpstreamException.classify(outcome.cause(), what).deadlineIfPassed(deadlineEpochMs, doing);
    metrics.jobDone(kind, failure.failure().errorCode(), nanos);
    metrics.failed(failure.causeLabel());
    if (failure.detail() != null) {
      LOG.warn("{} ({})", failure.getMessage(), failure.detail());
    }
    message.fail(failure.failure().code(), failure.getMessage());
    return failure;
  }

  /**
   * The job a message carries, or {@code null} after failing the message with {@code bad_job} when it carries
   * something else (a node of another version, say).
   */
  static <J> J jobOf(Message<?> message, Class<J> type, String address) {
    Object body = message.body();
    if (!type.isInstance(body)) {
      message.fail(LoadFailure.BAD_JOB.code(), address + " expects a " + type.getSimpleName());
      return null;
    }
    return type.cast(body);
  }

  /** Makes a job's reply from what its attempts produced. */
  @FunctionalInterface
  interface Reply<T> {
    Object to(T result, int attempts, long elapsedMs);
  }

  private void onRetry(UpstreamException failure) {
    metrics.retried(failure.causeLabel());
    LOG.debug("Retrying: {}", failure.getMessage());
  }
}
