package io.github.imageloader.api;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of a node without the api role (a loader-only node): {@code /health}, {@code /ready} and
 * {@code /metrics}, nothing that loads images. Deployed after the node's loaders started, so ready means
 * their storage clients exist.
 */
public final class OpsVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(OpsVerticle.class);

  private HttpServer server;

  @Override
  public Future<?> start() {
    ApiConfig config = ApiConfig.from(config());
    ErrorHandler errors = new ErrorHandler();
    Router router = Router.router(vertx);
    router.route().failureHandler(errors);
    router.get("/health").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
    router.get("/ready").handler(ctx -> ctx.json(new JsonObject().put("status", "READY").put("roles", "loader")));
    router.get("/metrics").handler(MetricsEndpoint.handler());
    for (int status : new int[] {400, 404, 405, 500}) {
      router.errorHandler(status, errors);
    }
    return vertx.createHttpServer(new HttpServerOptions().setHost(config.httpHost()).setPort(config.httpPort()))
      .requestHandler(router)
      .listen()
      .onSuccess(listening -> {
        server = listening;
        LOG.info("Health and metrics on http://{}:{}", config.httpHost(), listening.actualPort());
      });
  }

  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
