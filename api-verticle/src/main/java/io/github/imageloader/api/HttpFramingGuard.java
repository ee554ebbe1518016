package io.github.imageloader.api;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;

/**
 * What Vert.x's HTTP/1.x server does below any handler, made to answer like the rest of the api. Two cases:
 * <ul>
 *   <li>A request line with a version other than HTTP/1.0 or 1.1: Vert.x answers an empty {@code 501} (with the
 *   client's own version in the status line). Here {@code HTTP/1.x} with a higher minor version is served as
 *   HTTP/1.1 (RFC 9112 §2.3), and any other version is marked undecodable, so {@link InvalidRequests} answers
 *   {@code 505} in the JSON error shape (RFC 9110 §15.6.6).</li>
 *   <li>A body whose framing is broken (a chunk size that is not hex, say): Vert.x fails the request and closes
 *   the connection at once, answering nothing, while the request's handlers log its exception. Here, unless a
 *   response has already begun, the client gets {@code 400 malformed_request} (or {@code 431} for oversized
 *   trailers) as JSON before the connection closes, and the handlers see only the closed connection.</li>
 * </ul>
 * Installed on each HTTP/1.x connection through Vert.x's internal connection type, the only way to reach its
 * Netty pipeline; where that is not available the connection keeps Vert.x's behaviour.
 */
final class HttpFramingGuard extends ChannelDuplexHandler {

  private static final Logger LOG = LoggerFactory.getLogger(HttpFramingGuard.class);

  /** Marks a request whose HTTP version this server does not speak; answered 505 by {@link InvalidRequests}. */
  static final class UnsupportedHttpVersion extends RuntimeException {
    UnsupportedHttpVersion() {
      super("unsupported HTTP version", null, false, false);
    }
  }

  private int requests;
  private int responses;
  private boolean responding;
  private boolean answered;
  private HttpRequest current;

  private HttpFramingGuard() {
  }

  /** For {@code HttpServer.connectionHandler}: adds the guard to an HTTP/1.x connection's pipeline. */
  static void install(HttpConnection connection) {
    if (connection instanceof io.vertx.core.http.impl.HttpServerConnection internal) {
      ChannelPipeline pipeline = internal.channelHandlerContext().pipeline();
      if (pipeline.get("httpDecoder") != null && pipeline.get("handler") != null && pipeline.get(HttpFramingGuard.class) == null) {
        pipeline.addBefore("handler", "httpFramingGuard", new HttpFramingGuard());
      }
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (answered) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpRequest request) {
      requests++;
      current = request;
      if (request.decoderResult().isSuccess()) {
        checkVersion(request);
      }
    } else if (msg instanceof HttpContent content && content.decoderResult().isFailure()
      && responses == requests - 1 && !responding && current != null) {
      Throwable cause = content.decoderResult().cause();
      ReferenceCountUtil.release(msg);
      answer(ctx, cause);
      return;
    }
    ctx.fireChannelRead(msg);
  }

  private static void checkVersion(HttpRequest request) {
    HttpVersion version = request.protocolVersion();
    if (version == HttpVersion.HTTP_1_1 || version == HttpVersion.HTTP_1_0) {
      return;
    }
    boolean http1 = "HTTP".equals(version.protocolName()) && version.majorVersion() == 1;
    request.setProtocolVersion(HttpVersion.HTTP_1_1);
    if (!http1) {
      request.setDecoderResult(DecoderResult.failure(new UnsupportedHttpVersion()));
    }
  }

  private void answer(ChannelHandlerContext ctx, Throwable cause) {
    answered = true;
    ApiError error = InvalidRequests.bodyErrorFor(cause);
    String offered = current.headers().get(RequestIds.HEADER);
    String requestId = RequestIds.orNew(offered);
    LOG.info("[{}] {} {} -> {} {}: {} ({}); connection closed", requestId, current.method(), InvalidRequests.loggable(current.uri()), error.status(),
      error.toJson().getString("error"), error.getMessage(), cause.getClass().getSimpleName());
    byte[] body = error.toJson().put("requestId", requestId).encode().getBytes(StandardCharsets.UTF_8);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(error.status()),
      Unpooled.wrappedBuffer(body));
    response.headers()
      .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
      .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
      .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
      .set(RequestIds.HEADER, requestId);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (answered) {
      // The connection is closing with this guard's answer; anything a handler still writes would follow it.
      ReferenceCountUtil.release(msg);
      promise.tryFailure(new ClosedChannelException());
      return;
    }
    if (msg instanceof HttpResponse response && response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
      responses++;
      responding = true;
    }
    if (msg instanceof LastHttpContent && (!(msg instanceof HttpResponse response) || response.status().codeClass() != HttpStatusClass.INFORMATIONAL)) {
      responding = false;
    }
    ctx.write(msg, promise);
  }
}
