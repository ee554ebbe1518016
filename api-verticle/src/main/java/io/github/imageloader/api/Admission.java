package io.github.imageloader.api;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import io.github.imageloader.contract.AdaptiveLimit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;

/**
 * Adaptive admission of batches: one limit per node (shared by its api verticles), learnt from the latency of the
 * batches it admits. A batch past the limit is refused at once with 503 {@code overloaded} and {@code Retry-After}
 * instead of queueing until its deadline: past saturation the node keeps answering the batches it admits in time,
 * rather than answering every batch late.
 */
final class Admission implements Shareable {

  private static final String MAP = "imageloader.admission";
  private static final String NOT_TEACHING = "imageloader.admission.notTeaching";

  private final SimpleLimiter<Void> limiter;
  private final Counter admitted;
  private final Counter shed;

  private Admission(AdaptiveLimit limit, MeterRegistry registry) {
    this.limiter = limit.limiter("api");
    Gauge.builder("imageloader.admission.limit", limiter, SimpleLimiter::getLimit)
      .description("Batches this node admits at once: the adaptive concurrency limit").register(registry);
    Gauge.builder("imageloader.admission.inflight", limiter, SimpleLimiter::getInflight)
      .description("Batches admitted and not yet answered").register(registry);
    this.admitted = Counter.builder("imageloader.admission.admitted").description("Batches admitted").register(registry);
    this.shed = Counter.builder("imageloader.admission.shed").description("Batches refused at once with 503, by reason")
      .tags("reason", "limit").register(registry);
  }

  /** The node's admission: the first api verticle creates it, the others share it. */
  static Admission of(Vertx vertx, AdaptiveLimit limit, MeterRegistry registry) {
    LocalMap<String, Admission> map = vertx.sharedData().getLocalMap(MAP);
    Admission existing = map.get("api");
    if (existing != null) {
      return existing;
    }
    Admission fresh = new Admission(limit, registry);
    existing = map.putIfAbsent("api", fresh);
    return existing != null ? existing : fresh;
  }

  /**
   * Marks a request whose latency says nothing about this node's capacity (a job had to be sent again because a
   * loader died with it): its answer does not teach the limit, or one failover would shrink it as if the node
   * were overloaded.
   */
  static void notTeaching(RoutingContext ctx) {
    ctx.put(NOT_TEACHING, Boolean.TRUE);
  }

  int limit() {
    return limiter.getLimit();
  }

  /**
   * A route handler for the batch endpoints: admits the request or refuses it with 503. The permit goes back when
   * the response ends (or the connection closes first); only answers that say something about this node's latency
   * teach the limit.
   */
  void handle(RoutingContext ctx) {
    Optional<Limiter.Listener> permit = limiter.acquire(null);
    if (permit.isEmpty()) {
      shed.increment();
      throw new ApiError(503, "overloaded", "the node is at its concurrency limit of " + limiter.getLimit()
        + " batches; retry after the Retry-After delay", new JsonObject().put("retryAfterSeconds", 1));
    }
    admitted.increment();
    Limiter.Listener listener = permit.get();
    ctx.addEndHandler(ended -> {
      int status = ctx.response().getStatusCode();
      if (ended.failed() || ctx.get(NOT_TEACHING) != null || (status >= 400 && status != 503 && status != 504)) {
        // A caller's mistake, a missing object or storage's own error: its latency is not the node's.
        listener.onIgnore();
      } else if (status == 503 || status == 504) {
        listener.onDropped();
      } else {
        listener.onSuccess();
      }
    });
    ctx.next();
  }
}
