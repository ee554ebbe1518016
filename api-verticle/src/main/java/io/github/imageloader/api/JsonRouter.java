package io.github.imageloader.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.regex.Pattern;

/**
 * The node's HTTP plumbing: a router that gives every request an id and whose failures and unmatched
 * requests all answer in the JSON error shape.
 */
final class JsonRouter {

  private static final Logger LOG = LoggerFactory.getLogger(JsonRouter.class);
  private static final int IDLE_TIMEOUT_SECONDS = 60;
  private static final Pattern BROKEN_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

  private JsonRouter() {
  }

  static Router create(Vertx vertx) {
    ErrorHandler errors = new ErrorHandler();
    Router router = Router.router(vertx);
    router.route().handler(RequestIds.handler());
    // Routing decodes the path; a broken escape there would otherwise surface as a 500.
    router.route().handler(ctx -> {
      if (BROKEN_ESCAPE.matcher(ctx.request().path()).find()) {
        ctx.fail(ApiError.badRequest("invalid_path", "the path has a malformed percent-escape (a '%' must be followed by two hex digits)"));
      } else {
        ctx.next();
      }
    });
    router.route().failureHandler(errors);
    for (int status : new int[] {400, 401, 403, 404, 405, 413, 415, 500}) {
      router.errorHandler(status, errors);
    }
    return router;
  }

  static Future<HttpServer> listen(Vertx vertx, ApiConfig config, Router router, String serving) {
    // A GET batch of MAX_BATCH_SIZE names of up to 1024 bytes, each percent-encoded to up to 3 bytes per byte.
    int maxRequestLine = Math.max(HttpServerOptions.DEFAULT_MAX_INITIAL_LINE_LENGTH,
      config.maxBatchSize() * (3 * ImageNames.MAX_OBJECT_NAME_BYTES + "file_names=&".length()) + 1024);
    return vertx.createHttpServer(new HttpServerOptions().setHost(config.httpHost()).setPort(config.httpPort())
        .setMaxInitialLineLength(maxRequestLine)
        // A client that stops reading an archive would otherwise pin its images in memory for good.
        .setIdleTimeout(IDLE_TIMEOUT_SECONDS))
      // Below the router: versions other than HTTP/1.0 and 1.1, and bodies whose framing breaks, answered as JSON too.
      .connectionHandler(HttpFramingGuard::install)
      .invalidRequestHandler(InvalidRequests.handler(maxRequestLine))
      .requestHandler(router)
      .listen()
      .onSuccess(server -> LOG.info("{} on http://{}:{}", serving, config.httpHost(), server.actualPort()));
  }
}
