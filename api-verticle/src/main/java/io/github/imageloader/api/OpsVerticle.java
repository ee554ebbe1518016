package io.github.imageloader.api;

import io.github.imageloader.contract.Addresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/**
 * The HTTP face of a node without the api role (a loader-only node): {@code /health}, {@code /ready} and
 * {@code /metrics}, nothing that loads images. Ready means one of this node's own loaders answers a probe
 * and can list the bucket.
 */
public final class OpsVerticle extends VerticleBase {

  private HttpServer server;

  @Override
  public Future<?> start() {
    ApiConfig config = ApiConfig.from(config());
    Router router = JsonRouter.create(vertx);
    HealthHandler health = new HealthHandler(vertx.eventBus(), config, Addresses.LOADER_PROBE_LOCAL, null);
    router.get("/health").handler(health::health);
    router.get("/ready").handler(health::ready);
    router.get("/metrics").handler(MetricsEndpoint.handler());
    return JsonRouter.listen(vertx, config, router, "Health and metrics").onSuccess(listening -> server = listening);
  }

  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
