package io.github.imageloader.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.UUID;
import io.opentelemetry.api.trace.Span;

import java.util.regex.Pattern;

/**
 * Gives every request an id, echoed in the {@code X-Request-Id} response header and in every JSON error,
 * and written next to whatever the service logs about the request. A caller's own well-formed
 * {@code X-Request-Id} is kept, so ids can follow a request across services; anything else is replaced.
 */
final class RequestIds {

  static final String HEADER = "X-Request-Id";
  /** The attribute of the request's server span that holds its id. */
  static final String SPAN_ATTRIBUTE = "request.id";
  private static final String KEY = "requestId";
  private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private RequestIds() {
  }

  static Handler<RoutingContext> handler() {
    return ctx -> {
      String id = orNew(ctx.request().getHeader(HEADER));
      ctx.put(KEY, id);
      ctx.response().putHeader(HEADER, id);
      // The request's trace (TRACING_ENABLED) carries the id too; without tracing the current span is a no-op.
      Span.current().setAttribute(SPAN_ATTRIBUTE, id);
      ctx.next();
    };
  }

  /** The caller's id when it is well-formed, else a new one. */
  static String orNew(String offered) {
    return offered != null && WELL_FORMED.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
  }

  /** The request's id, or {@code "-"} for a request that failed before it got one. */
  static String of(RoutingContext ctx) {
    String id = ctx.get(KEY);
    return id == null ? "-" : id;
  }
}
