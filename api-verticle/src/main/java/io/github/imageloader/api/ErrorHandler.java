package io.github.imageloader.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into the JSON error shape, with no stack trace or internal detail in the body.
 * Installed both as the routes' failure handler and as the router's handler for unmatched requests.
 * Log policy: ERROR only for failures of this service's own code (an unexpected exception, answered 500);
 * a client's mistake is answered, not logged here, and a client that closed its connection is not an error.
 */
final class ErrorHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);
  private static final long DRAIN_MS = 2_000;

  @Override
  public void handle(RoutingContext ctx) {
    if (connectionClosed(ctx.failure())) {
      // The client went away mid-request (or the connection was closed under it after an answer below the
      // router, see HttpFramingGuard): there is no one to answer, and nothing went wrong here.
      LOG.debug("[{}] {} {}: the connection closed before the request was answered", RequestIds.of(ctx),
        ctx.request().method(), safePath(ctx));
      return;
    }
    ApiError error = toApiError(ctx);
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      // The status line is gone; cutting the connection is the only honest way to say the body is incomplete.
      response.reset();
      return;
    }
    // A warming node answers every readiness poll with 503 on purpose, and a saturated one sheds at a high rate
    // (counted by imageloader_admission_shed_total): not worth a line each.
    String code = error.toJson().getString("error");
    if (error.status() >= 500 && isOurs(ctx.failure()) && !"warming_up".equals(code) && !"overloaded".equals(code)) {
      LOG.warn("[{}] {} {} -> {} {}: {}", RequestIds.of(ctx), ctx.request().method(), safePath(ctx), error.status(),
        error.toJson().getString("error"), error.getMessage());
    }
    if (error.status() == 503) {
      response.putHeader("Retry-After", "1");
    }
    error.headers().forEach(response::putHeader);
    // Refused before its body was read (413, 408): the connection cannot carry another request, and a client
    // still writing the body could wait forever. Once answered, the rest is read and dropped for a moment
    // (closing with unread bytes would reset the connection and could lose the answer), then it is closed.
    boolean unreadBody = !ctx.request().isEnded();
    if (unreadBody) {
      response.putHeader(HttpHeaders.CONNECTION, "close");
    }
    response.setStatusCode(error.status())
      .putHeader("Content-Type", "application/json")
      .end(error.toJson().put("requestId", RequestIds.of(ctx)).encode())
      .onComplete(written -> {
        if (unreadBody) {
          drainThenClose(ctx);
        }
      });
  }

  private static void drainThenClose(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    long timer = ctx.vertx().setTimer(DRAIN_MS, t -> request.connection().close());
    try {
      request.handler(dropped -> { }).endHandler(ended -> {
        ctx.vertx().cancelTimer(timer);
        request.connection().close();
      });
      request.resume();
    } catch (IllegalStateException alreadyRead) {
      ctx.vertx().cancelTimer(timer);
      request.connection().close();
    }
  }

  private static ApiError toApiError(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    // Vert.x handlers (authentication, say) wrap a failure they got from our code in their own HttpException.
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApiError api) {
        return api;
      }
    }
    int status = ctx.statusCode();
    return switch (status) {
      case 400 -> ApiError.badRequest("bad_request", "the request is malformed");
      case 401 -> new ApiError(401, "unauthorized", "this endpoint needs an 'Authorization: Bearer <token>' header", null)
        .withHeader("WWW-Authenticate", "Bearer realm=\"image-batch-loader\"");
      case 403 -> new ApiError(403, "forbidden", "the credentials do not allow this request", null);
      case 404 -> new ApiError(404, "no_route", "no endpoint at " + ctx.request().method() + " " + safePath(ctx), null);
      case 405 -> new ApiError(405, "method_not_allowed", ctx.request().method() + " is not allowed on " + safePath(ctx), null);
      case 413 -> new ApiError(413, "body_too_large", "the request body is larger than this endpoint accepts", null);
      case 415 -> new ApiError(415, "unsupported_media_type", "the request's Content-Type is not accepted here", null);
      default -> {
        if (status >= 400 && status < 500) {
          yield new ApiError(status, "bad_request", "the request was refused (HTTP " + status + ")", null);
        }
        LOG.error("[{}] Unhandled failure on {} {}", RequestIds.of(ctx), ctx.request().method(), safePath(ctx), failure);
        yield new ApiError(500, "internal_error", "the request failed unexpectedly", null);
      }
    };
  }

  private static boolean connectionClosed(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof HttpClosedException) {
        return true;
      }
    }
    return false;
  }

  private static boolean isOurs(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApiError) {
        return true;
      }
    }
    return false;
  }

  static String safePath(RoutingContext ctx) {
    String path = ctx.request().path();
    return path == null ? "" : path.length() > 200 ? path.substring(0, 200) + "…" : path;
  }
}
