package io.github.imageloader.api;

import io.github.imageloader.contract.Addresses;
import io.github.imageloader.contract.LoadFailure;
import io.github.imageloader.contract.LoadJob;
import io.github.imageloader.contract.LoadResult;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Fans a batch out as one event-bus request per image, bounded by {@link InFlightJobs}, and gathers the
 * replies in request order. The batch fails as a whole (the study's policy) when any image fails, with the
 * status of the most telling failure and every failed name listed.
 */
final class BatchDispatcher {

  private final EventBus eventBus;
  private final InFlightJobs inFlight;

  BatchDispatcher(EventBus eventBus, InFlightJobs inFlight) {
    this.eventBus = eventBus;
    this.inFlight = inFlight;
  }

  /**
   * @param jobs   one job per image, all with the same deadline
   * @param labels what to call each job in errors (the name or URL the caller sent)
   */
  Future<List<LoadResult>> dispatch(List<LoadJob> jobs, List<String> labels) {
    inFlight.acquire(jobs.size());
    long timeout = Math.max(1, jobs.get(0).remainingMs());
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(timeout);
    List<Future<LoadResult>> replies = new ArrayList<>(jobs.size());
    for (LoadJob job : jobs) {
      replies.add(eventBus.<LoadResult>request(Addresses.IMAGES_LOAD, job, options).map(Message::body));
    }
    return Future.join(replies)
      .andThen(done -> inFlight.release(jobs.size()))
      .transform(done -> done.succeeded()
        ? Future.succeededFuture(done.result().<LoadResult>list())
        : Future.failedFuture(batchFailure(replies, labels)));
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
  }
}
