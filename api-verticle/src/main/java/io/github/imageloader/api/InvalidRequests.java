package io.github.imageloader.api;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * Requests the HTTP decoder could not read (an over-long request line, headers over
 * {@link HttpServerOptions#DEFAULT_MAX_HEADER_SIZE}, bytes that are not HTTP) never reach the router.
 * Vert.x's default answers some with an empty 414/431/400 and drops the rest without a word; this one
 * answers every such request in the JSON error shape and closes the connection, since the stream
 * cannot be trusted to be in sync any more.
 */
final class InvalidRequests {

  private InvalidRequests() {
  }

  static Handler<HttpServerRequest> handler(int maxRequestLine) {
    return request -> {
      Throwable cause = request.decoderResult().cause();
      ApiError error;
      if (cause instanceof TooLongHttpLineException) {
        error = new ApiError(414, "uri_too_long", "the request line is longer than " + maxRequestLine + " bytes", null);
      } else if (cause instanceof TooLongHttpHeaderException) {
        error = new ApiError(431, "headers_too_large",
          "the request headers are larger than " + HttpServerOptions.DEFAULT_MAX_HEADER_SIZE + " bytes", null);
      } else if (cause instanceof TooLongFrameException) {
        error = new ApiError(400, "malformed_request", "a part of the request is longer than this server reads", null);
      } else {
        error = new ApiError(400, "malformed_request", "the request is not valid HTTP/1.1 (e.g. a byte not allowed in the request line or a header)", null);
      }
      String requestId = UUID.randomUUID().toString();
      request.response()
        .setStatusCode(error.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CONNECTION, "close")
        .putHeader(RequestIds.HEADER, requestId)
        .end(error.toJson().put("requestId", requestId).encode())
        .onComplete(done -> request.connection().close());
    };
  }
}
