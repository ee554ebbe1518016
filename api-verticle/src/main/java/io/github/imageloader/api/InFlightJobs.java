package io.github.imageloader.api;

/**
 * Bounds the per-image jobs this api verticle has outstanding. Past the bound a batch is refused with
 * 503 and {@code Retry-After} at once, instead of queueing without limit and timing out for everyone.
 * Touched only from the verticle's event loop, so a plain counter is enough.
 */
final class InFlightJobs {

  private final int max;
  private final String what;
  private int current;

  /** @param what what a slot is, in the 503 message: "image loads", "uploads" */
  InFlightJobs(int max, String what) {
    this.max = max;
    this.what = what;
  }

  /** Takes {@code jobs} slots, or throws a 503 {@link ApiError} when they would exceed the bound. */
  void acquire(int jobs) {
    if (current + jobs > max) {
      throw new ApiError(503, "overloaded",
        "the service has " + current + " " + what + " in flight (limit " + max + "); retry shortly",
        new io.vertx.core.json.JsonObject().put("retryAfterSeconds", 1));
    }
    current += jobs;
  }

  void release(int jobs) {
    current -= jobs;
  }
}
