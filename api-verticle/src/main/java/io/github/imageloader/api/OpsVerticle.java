package io.github.imageloader.api;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * The HTTP face of a node without the api role (a loader-only node): {@code /health}, {@code /ready} and
 * {@code /metrics}, nothing that loads images. Deployed after the node's loaders started, so ready means
 * their storage clients exist.
 */
public final class OpsVerticle extends VerticleBase {

  private HttpServer server;

  @Override
  public Future<?> start() {
    ApiConfig config = ApiConfig.from(config());
    Router router = JsonRouter.create(vertx);
    router.get("/health").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
    router.get("/ready").handler(ctx -> ctx.json(new JsonObject().put("status", "READY").put("roles", "loader")));
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
