package io.github.imageloader.api;

import io.github.imageloader.contract.LoadFailure;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

import java.util.function.LongSupplier;

/**
 * One job on its way to a loader, and the only place that sends it again. It waits for an answer until the batch
 * deadline and is re-sent elsewhere only when the loader it went to cannot answer: gone from the directory
 * (drained, left the cluster, silent), without a consumer, past its own job budget (the message was lost), or at
 * its job limit (it refused before starting). A slow but live loader is never raced. The first answer wins; the
 * others are dropped (jobs are idempotent).
 */
final class JobDelivery<T> {

  private static final long NO_HANDLERS_PAUSE_MS = 250;

  private final JobRouter router;
  private final JobRouter.Route route;
  private final Object job;
  private final LongSupplier remainingMs;
  private final Runnable onResent;
  private final Promise<T> answer = Promise.promise();
  private int sends;
  private long sentAtMs;

  JobDelivery(JobRouter router, JobRouter.Route route, Object job, LongSupplier remainingMs, Runnable onResent) {
    this.router = router;
    this.route = route;
    this.job = job;
    this.remainingMs = remainingMs;
    this.onResent = onResent;
  }

  Future<T> answer() {
    return answer.future();
  }

  long sentAtMs() {
    return sentAtMs;
  }

  /** Sends the job to the best loader but {@code avoid}, or to the shared address while no loader is known. */
  void send(KnownLoader avoid) {
    long remaining = remainingMs.getAsLong();
    if (remaining <= 0) {
      answer.tryFail(new ReplyException(ReplyFailure.TIMEOUT, "the batch deadline passed"));
      return;
    }
    int send = ++sends;
    sentAtMs = System.currentTimeMillis();
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(remaining);
    KnownLoader loader = router.directory().choose(avoid);
    if (loader == null) {
      router.vertx().eventBus().<T>request(route.sharedAddress(), job, options)
        .onComplete(reply -> answered(null, send, reply));
      return;
    }
    loader.sent(this);
    long startedNanos = System.nanoTime();
    router.vertx().eventBus().<T>request(route.address(loader.announced()), job, options)
      .onComplete(reply -> {
        loader.done(this, reply.succeeded() ? (System.nanoTime() - startedNanos) / 1e6 : -1);
        answered(loader, send, reply);
      });
  }

  /**
   * The loader holding this job can no longer answer it: send it elsewhere now, if there are sends left.
   *
   * @param reason why, for the re-send metric: left, silent, lost
   */
  void lostAt(KnownLoader loader, String reason) {
    loader.done(this, -1);
    if (!answer.future().isComplete() && sends < router.maxSends()) {
      resend(loader, reason);
    }
  }

  private void resend(KnownLoader avoid, String reason) {
    router.resent(reason);
    onResent.run();
    send(avoid);
  }

  private void answered(KnownLoader loader, int send, AsyncResult<Message<T>> reply) {
    if (answer.future().isComplete()) {
      return;
    }
    if (reply.succeeded()) {
      answer.complete(reply.result().body());
      return;
    }
    // An earlier send failing changes nothing: a later one is on its way.
    if (send != sends) {
      return;
    }
    Throwable error = reply.cause();
    boolean sendsLeft = sends < router.maxSends() && remainingMs.getAsLong() > 0;
    if (!(error instanceof ReplyException failure) || !sendsLeft) {
      answer.fail(error);
      return;
    }
    switch (failure.failureType()) {
      case NO_HANDLERS -> {
        if (loader != null) {
          router.directory().forget(loader);
          resend(loader, "no_consumer");
        } else if (remainingMs.getAsLong() > NO_HANDLERS_PAUSE_MS) {
          // No loader registered anywhere yet (one may be starting): look again shortly.
          router.vertx().setTimer(NO_HANDLERS_PAUSE_MS, id -> send(null));
        } else {
          answer.fail(error);
        }
      }
      case RECIPIENT_FAILURE -> {
        if (failure.failureCode() == LoadFailure.LOADER_OVERLOADED.code()) {
          if (loader != null) {
            loader.refusedUntil(System.currentTimeMillis() + router.refusalPauseMs());
          }
          resend(loader, "refused");
        } else {
          answer.fail(error);
        }
      }
      // The connection to the loader's node failed: another loader may still make it.
      case ERROR -> resend(loader, "unreachable");
      default -> answer.fail(error);
    }
  }
}
