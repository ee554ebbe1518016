package io.github.imageloader.api;

import io.github.imageloader.contract.HeldBytes;
import io.github.imageloader.contract.LoadFailure;
import io.github.imageloader.contract.LoadJob;
import io.github.imageloader.contract.LoadResult;
import io.github.imageloader.contract.StoreJob;
import io.github.imageloader.contract.StoreResult;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Fans a batch out as one job per image, bounded by {@link InFlightJobs}, each sent by the {@link JobRouter} to the
 * least loaded loader, local or on another node, and gathers the replies in request order. The batch fails as a whole (the study's policy) when any image fails, with the
 * status of the most telling failure and every failed name listed.
 */
final class BatchDispatcher {

  private final JobRouter router;
  private final InFlightJobs inFlight;
  private final HeldBytes heldBytes;

  BatchDispatcher(JobRouter router, InFlightJobs inFlight, HeldBytes heldBytes) {
    this.router = router;
    this.heldBytes = heldBytes;
    this.inFlight = inFlight;
  }

  /**
   * @param jobs   one job per image, all with the same deadline
   * @param labels what to call each job in errors (the name or URL the caller sent)
   */
  Future<List<LoadResult>> dispatch(List<LoadJob> jobs, List<String> labels) {
    return dispatch(jobs, labels, () -> { });
  }

  /**
   * @param onResent told when a job is sent again because its loader could not answer it (it died or left):
   *                 the batch's latency then says more about that loader than about this node
   */
  Future<List<LoadResult>> dispatch(List<LoadJob> jobs, List<String> labels, Runnable onResent) {
    inFlight.acquire(jobs.size());
    List<Future<LoadResult>> replies = new ArrayList<>(jobs.size());
    try {
      for (LoadJob job : jobs) {
        replies.add(router.<LoadResult>send(JobRouter.Route.LOAD, job, job::remainingMs, onResent).compose(this::countHeld));
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
   * One upload to a loader. The caller holds its {@link InFlightJobs} slot (taken when the request arrived, so
   * uploads being received count too). Sending it again to another loader is safe: stores are create-only under a
   * name unique to this upload.
   *
   * @param label what to call the upload in errors
   */
  Future<StoreResult> store(StoreJob job, String label) {
    return router.<StoreResult>send(JobRouter.Route.STORE, job, job::remainingMs, () -> { })
      .recover(error -> Future.failedFuture(JobFailure.of(label, error).toApiError()));
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
