package io.github.imageloader.api;

import io.github.imageloader.contract.Addresses;
import io.github.imageloader.contract.HeldBytes;
import io.github.imageloader.contract.LoadFailure;
import io.github.imageloader.contract.LoadJob;
import io.github.imageloader.contract.LoadResult;
import io.github.imageloader.contract.StoreJob;
import io.github.imageloader.contract.StoreResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Fans a batch out as one event-bus request per image, bounded by {@link InFlightJobs}, and gathers the
 * replies in request order. Event-bus routing is round-robin over the registered loaders, local or on
 * other nodes. The batch fails as a whole (the study's policy) when any image fails, with the
 * status of the most telling failure and every failed name listed.
 */
final class BatchDispatcher {

  private static final long NO_HANDLERS_PAUSE_MS = 250;

  private final Vertx vertx;
  private final InFlightJobs inFlight;
  private final long attemptTimeoutMs;
  private final int maxAttempts;
  private final HeldBytes heldBytes;

  /**
   * @param batchTimeoutMs the batch deadline; each event-bus attempt gets an equal share of it (at least
   *                       1 s), so a job sent to a loader that died is sent again while the batch can still succeed
   * @param maxAttempts    event-bus attempts per job
   */
  BatchDispatcher(Vertx vertx, InFlightJobs inFlight, long batchTimeoutMs, int maxAttempts, HeldBytes heldBytes) {
    this.vertx = vertx;
    this.heldBytes = heldBytes;
    this.inFlight = inFlight;
    this.maxAttempts = Math.max(1, maxAttempts);
    this.attemptTimeoutMs = Math.max(1_000, batchTimeoutMs / this.maxAttempts);
  }

  /**
   * @param jobs   one job per image, all with the same deadline
   * @param labels what to call each job in errors (the name or URL the caller sent)
   */
  Future<List<LoadResult>> dispatch(List<LoadJob> jobs, List<String> labels) {
    return dispatch(jobs, labels, () -> { });
  }

  /**
   * @param onResent told when a job is sent again because no loader answered it in time (a loader may have died):
   *                 the batch's latency then says more about that loader than about this node
   */
  Future<List<LoadResult>> dispatch(List<LoadJob> jobs, List<String> labels, Runnable onResent) {
    inFlight.acquire(jobs.size());
    List<Future<LoadResult>> replies = new ArrayList<>(jobs.size());
    try {
      for (LoadJob job : jobs) {
        replies.add(this.<LoadResult>send(Addresses.IMAGES_LOAD, job, job::remainingMs, 1, onResent).compose(this::countHeld));
      }
    } catch (RuntimeException e) {
      // Nothing will complete these jobs; a leaked slot would turn into 503s for everyone later.
      inFlight.release(jobs.size());
      throw e;
    }
    return Future.join(replies)
      .andThen(done -> inFlight.release(jobs.size()))
      .transform(done -> {
        if (done.succeeded()) {
          return Future.succeededFuture(done.result().<LoadResult>list());
        }
        replies.stream().filter(Future::succeeded).forEach(reply -> releaseHeld(List.of(reply.result())));
        return Future.failedFuture(batchFailure(replies, labels));
      });
  }

  /**
   * Bytes that arrived with a reply are this node's to count from now until the caller is done with them
   * ({@link #releaseHeld}); the loader counted them while it downloaded them. They are in memory already: past the
   * budget they are dropped at once and the job fails with {@code bytes_in_flight_exceeded}, so the batch does.
   * (The loader's own check alone would let a burst through: it stops counting as it replies, this starts as the
   * reply arrives.)
   */
  private Future<LoadResult> countHeld(LoadResult result) {
    if (result.data() == null) {
      return Future.succeededFuture(result);
    }
    heldBytes.reserve(result.size());
    if (heldBytes.held() > heldBytes.limit()) {
      heldBytes.release(result.size());
      return Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, LoadFailure.BYTES_IN_FLIGHT.code(),
        HeldBytes.refusal(result.target())));
    }
    return Future.succeededFuture(result);
  }

  /** Gives back the budget the bytes of {@code results} took: they have been written out or dropped. */
  void releaseHeld(List<LoadResult> results) {
    for (LoadResult result : results) {
      if (result.data() != null) {
        heldBytes.release(result.size());
      }
    }
  }

  /**
   * One upload to a loader on {@value Addresses#IMAGES_STORE}. The caller holds its {@link InFlightJobs} slot
   * (taken when the request arrived, so uploads being received count too). Sending it again after a timeout is
   * safe: stores are create-only under a name unique to this upload.
   *
   * @param label what to call the upload in errors
   */
  Future<StoreResult> store(StoreJob job, String label) {
    return this.<StoreResult>send(Addresses.IMAGES_STORE, job, job::remainingMs, 1, () -> { })
      .recover(error -> Future.failedFuture(JobFailure.of(label, error).toApiError()));
  }

  /**
   * One job, sent again when no loader answered in time (a loader may have died with it), none was
   * registered (one may be restarting) or a loader at its limit refused it. Jobs are idempotent, so a slow loader's late answer does no harm;
   * failures a loader reports (it already retried storage) are final.
   */
  private <T> Future<T> send(String address, Object job, LongSupplier remainingMs, int attempt, Runnable onResent) {
    long remaining = remainingMs.getAsLong();
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(Math.max(1, Math.min(remaining, attemptTimeoutMs)));
    return vertx.eventBus().<T>request(address, job, options)
      .map(Message::body)
      .recover(error -> {
        if (attempt >= maxAttempts || !(error instanceof ReplyException reply)) {
          return Future.failedFuture(error);
        }
        return switch (reply.failureType()) {
          case TIMEOUT -> {
            if (remainingMs.getAsLong() <= 0) {
              yield Future.failedFuture(error);
            }
            onResent.run();
            yield send(address, job, remainingMs, attempt + 1, onResent);
          }
          case NO_HANDLERS -> remainingMs.getAsLong() > NO_HANDLERS_PAUSE_MS
            ? vertx.timer(NO_HANDLERS_PAUSE_MS).compose(v -> this.<T>send(address, job, remainingMs, attempt + 1, onResent))
            : Future.failedFuture(error);
          // A loader at its limit refused the job before starting it: the next send may reach another loader.
          case RECIPIENT_FAILURE -> reply.failureCode() == LoadFailure.LOADER_OVERLOADED.code() && remainingMs.getAsLong() > 0
            ? send(address, job, remainingMs, attempt + 1, onResent)
            : Future.failedFuture(error);
          default -> Future.failedFuture(error);
        };
      });
  }

  private static ApiError batchFailure(List<Future<LoadResult>> replies, List<String> labels) {
    List<JobFailure> failures = new ArrayList<>();
    for (int i = 0; i < replies.size(); i++) {
      if (replies.get(i).failed()) {
        failures.add(JobFailure.of(labels.get(i), replies.get(i).cause()));
      }
    }
    JobFailure worst = failures.stream().min(Comparator.comparingInt(JobFailure::precedence)).orElseThrow();
    List<JobFailure> same = failures.stream().filter(f -> f.error().equals(worst.error())).toList();
    JsonObject details = new JsonObject()
      .put("failed", new JsonArray(failures.stream().map(JobFailure::toJson).toList()));
    if (worst.error().equals(LoadFailure.NOT_FOUND.errorCode())) {
      details.put("missing", new JsonArray(same.stream().map(JobFailure::label).toList()));
    }
    String message = same.size() == 1
      ? worst.message()
      : same.size() + " of " + replies.size() + " images failed with " + worst.error() + ", first: " + worst.message();
    return new ApiError(worst.status(), worst.error(), message, details);
  }

  /** One failed job, mapped from the event-bus failure to what the caller should see. */
  private record JobFailure(String label, int status, String error, String message) {

    static JobFailure of(String label, Throwable cause) {
      if (cause instanceof ReplyException reply) {
        return switch (reply.failureType()) {
          case TIMEOUT -> new JobFailure(label, 504, LoadFailure.DEADLINE_EXCEEDED.errorCode(),
            "no loader answered for " + label + " before the batch deadline");
          case NO_HANDLERS -> new JobFailure(label, 503, "no_loaders",
            "no loader is registered to load " + label);
          default -> {
            LoadFailure failure = LoadFailure.ofCode(reply.failureCode());
            yield new JobFailure(label, failure.httpStatus(), failure.errorCode(), reply.getMessage());
          }
        };
      }
      return new JobFailure(label, 500, "internal_error", "loading " + label + " failed unexpectedly");
    }

    /** Caller mistakes first (they will not go away by retrying), then missing objects, then our trouble. */
    int precedence() {
      return switch (status) {
        case 400, 403 -> 0;
        case 404 -> 1;
        case 503 -> 2;
        case 502 -> 3;
        case 504 -> 4;
        default -> 5;
      };
    }

    JsonObject toJson() {
      return new JsonObject().put("name", label).put("error", error).put("message", message);
    }

    ApiError toApiError() {
      return new ApiError(status, error, message, null);
    }
  }
}
