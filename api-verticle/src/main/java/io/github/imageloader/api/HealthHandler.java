package io.github.imageloader.api;

import io.github.imageloader.contract.Addresses;
import io.github.imageloader.contract.LoadFailure;
import io.github.imageloader.contract.LoadJob;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /health} (the process answers) and {@code GET /ready} (a loader answers and can list the bucket). */
final class HealthHandler {

  private final EventBus eventBus;
  private final ApiConfig config;
  private final String probeAddress;
  private final Warmup warmup;

  /**
   * @param warmup       the api's warm-up, which must be over before the node is ready; {@code null} on a loader-only node
   * @param probeAddress where readiness probes go: {@link Addresses#IMAGES_LOAD} (any loader in the
   *                     cluster, for an api node) or {@link Addresses#LOADER_PROBE_LOCAL} (this node's own)
   */
  HealthHandler(EventBus eventBus, ApiConfig config, String probeAddress, Warmup warmup) {
    this.eventBus = eventBus;
    this.warmup = warmup;
    this.config = config;
    this.probeAddress = probeAddress;
  }

  void health(RoutingContext ctx) {
    ctx.json(new JsonObject().put("status", "UP"));
  }

  void ready(RoutingContext ctx) {
    if (warmup != null && !warmup.isDone()) {
      ctx.fail(new ApiError(503, "warming_up", "the node is warming up its request path ("
        + warmup.progress() + "); ready in a few seconds", null));
      return;
    }
    LoadJob probe = LoadJob.probe(config.bucket(), System.currentTimeMillis() + config.readyTimeoutMs());
    eventBus.request(probeAddress, probe, new DeliveryOptions().setSendTimeout(config.readyTimeoutMs()))
      .onSuccess(reply -> ctx.json(new JsonObject()
        .put("status", "READY")
        .put("loaders", "registered")
        .put("storage", "reachable")
        .put("bucket", config.bucket())))
      .onFailure(error -> ctx.fail(notReady(error)));
  }

  private ApiError notReady(Throwable error) {
    String reason;
    if (error instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
      reason = "no loader is registered on " + probeAddress;
    } else if (error instanceof ReplyException reply && reply.failureType() == ReplyFailure.TIMEOUT) {
      reason = "no loader answered the readiness probe within " + config.readyTimeoutMs() + " ms";
    } else if (error instanceof ReplyException reply) {
      reason = "storage is not reachable: " + reply.getMessage() + " (" + LoadFailure.ofCode(reply.failureCode()).errorCode() + ")";
    } else {
      reason = "readiness probe failed";
    }
    return new ApiError(503, "not_ready", reason, null);
  }
}
