package io.github.imageloader.api;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests the HTTP decoder could not read (an over-long request line, headers over
 * {@link HttpServerOptions#DEFAULT_MAX_HEADER_SIZE}, bytes that are not HTTP, an HTTP version this server does
 * not speak) never reach the router. Vert.x's default answers some with an empty 414/431/400/501 and drops the
 * rest without a word; this one answers every such request in the JSON error shape and closes the connection,
 * since the stream cannot be trusted to be in sync any more. A client's mistake: one INFO line, no stack trace.
 */
final class InvalidRequests {

  private static final Logger LOG = LoggerFactory.getLogger(InvalidRequests.class);

  private InvalidRequests() {
  }

  static Handler<HttpServerRequest> handler(int maxRequestLine) {
    return request -> {
      ApiError error = errorFor(request.decoderResult().cause(), maxRequestLine);
      String requestId = RequestIds.orNew(request.getHeader(RequestIds.HEADER));
      LOG.info("[{}] {} {} -> {} {}: {}; connection closed", requestId, request.method(), loggable(request.uri()),
        error.status(), error.toJson().getString("error"), error.getMessage());
      request.response()
        .setStatusCode(error.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CONNECTION, "close")
        .putHeader(RequestIds.HEADER, requestId)
        .end(error.toJson().put("requestId", requestId).encode())
        .onComplete(done -> request.connection().close());
    };
  }

  /** The answer to a request line or headers the decoder failed on. */
  static ApiError errorFor(Throwable cause, int maxRequestLine) {
    if (cause instanceof HttpFramingGuard.UnsupportedHttpVersion) {
      return new ApiError(505, "http_version_not_supported", "this server speaks HTTP/1.1 and HTTP/1.0 only", null);
    }
    if (cause instanceof TooLongHttpLineException) {
      return new ApiError(414, "uri_too_long", "the request line is longer than " + maxRequestLine + " bytes", null);
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return new ApiError(431, "headers_too_large",
        "the request headers are larger than " + HttpServerOptions.DEFAULT_MAX_HEADER_SIZE + " bytes", null);
    }
    if (cause instanceof TooLongFrameException) {
      return new ApiError(400, "malformed_request", "a part of the request is longer than this server reads", null);
    }
    return new ApiError(400, "malformed_request", "the request is not valid HTTP/1.1 (e.g. a byte not allowed in the request line or a header)", null);
  }

  /** The answer to a body whose framing the decoder failed on (chunk sizes, chunk lines, trailers). */
  static ApiError bodyErrorFor(Throwable cause) {
    if (cause instanceof TooLongHttpHeaderException) {
      return new ApiError(431, "headers_too_large",
        "the request trailers are larger than " + HttpServerOptions.DEFAULT_MAX_HEADER_SIZE + " bytes", null);
    }
    return new ApiError(400, "malformed_request",
      "the request body's framing is not valid HTTP/1.1 (e.g. a chunk size that is not hexadecimal)", null);
  }

  /** A request target for a log line: at most 200 characters, control characters and non-ASCII shown as '?'. */
  static String loggable(String uri) {
    if (uri == null) {
      return "-";
    }
    String shown = uri.length() > 200 ? uri.substring(0, 200) + "…" : uri;
    return shown.replaceAll("[^\\x20-\\x7E…]", "?");
  }
}
