package io.github.imageloader.loader;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import io.github.imageloader.contract.AdaptiveLimit;
import io.github.imageloader.contract.LoadFailure;
import io.vertx.core.eventbus.Message;

import java.util.Optional;

/**
 * A loader's own adaptive limit on the jobs it works on at once ({@code LOADER_ADMISSION_*}), learnt from how long
 * its jobs take. Past it a job is refused at once ({@code overloaded}): the api sends it to another loader or sheds
 * the batch, instead of this loader queueing work it cannot finish before the deadline. Its tolerance is wider than
 * the api's, so on a node with both roles the api's limit sheds first, before any image of a batch is loaded.
 */
final class JobAdmission {

  private final SimpleLimiter<Void> limiter;
  private final LoaderMetrics metrics;

  JobAdmission(AdaptiveLimit limit, LoaderMetrics metrics) {
    this.limiter = limit.limiter("loader");
    this.metrics = metrics;
    metrics.jobLimit(limiter::getLimit, limiter::getInflight);
  }

  /** A permit for the job {@code message} carries, or {@code null} after refusing the message. */
  Limiter.Listener admit(Message<?> message) {
    Optional<Limiter.Listener> permit = limiter.acquire(null);
    if (permit.isEmpty()) {
      metrics.jobRefused();
      message.fail(LoadFailure.LOADER_OVERLOADED.code(),
        "the loader is at its limit of " + limiter.getLimit() + " jobs in progress");
      return null;
    }
    return permit.get();
  }

  /** Teaches the limit by how the job ended: only its own slowness (a deadline, an overloaded pool) says "too much". */
  static void release(Limiter.Listener permit, UpstreamException failure) {
    if (failure == null) {
      permit.onSuccess();
    } else if (failure.failure() == LoadFailure.DEADLINE_EXCEEDED) {
      permit.onDropped();
    } else {
      permit.onIgnore();
    }
  }
}
