package io.github.imageloader.api;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;

import java.nio.charset.StandardCharsets;

/**
 * Sends bytes no HTTP client would (invalid request lines, oversized headers) over a plain TCP connection
 * and reads the answer until the server closes the connection. Requests should carry {@code Connection: close}.
 */
final class RawHttp {

  private static final long TIMEOUT_MS = 5_000;

  private final Vertx vertx;
  private final NetClient client;

  RawHttp(Vertx vertx) {
    this.vertx = vertx;
    this.client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(2_000));
  }

  Future<BadInputCase.Reply> send(int port, Buffer request) {
    return send(port, request, null, 0);
  }

  /**
   * Sends {@code first}, then {@code second} after {@code pauseMs}: a body that arrives after the server has
   * begun to handle its request (as a slow client's does), rather than in the same read.
   */
  Future<BadInputCase.Reply> send(int port, Buffer first, Buffer second, long pauseMs) {
    return client.connect(port, "127.0.0.1").compose(socket -> {
      Promise<BadInputCase.Reply> done = Promise.promise();
      Buffer received = Buffer.buffer();
      long timer = vertx.setTimer(TIMEOUT_MS, t -> {
        socket.close();
        done.tryFail("no complete answer within " + TIMEOUT_MS + " ms; received: " + received.toString(StandardCharsets.ISO_8859_1));
      });
      socket.handler(received::appendBuffer);
      socket.exceptionHandler(error -> { });
      socket.closeHandler(v -> {
        vertx.cancelTimer(timer);
        done.tryComplete(parse(received));
      });
      // The server may answer and close before it has read everything; a failed write is not the outcome.
      socket.write(first).onFailure(error -> { });
      if (second != null) {
        vertx.setTimer(pauseMs, t -> socket.write(second).onFailure(error -> { }));
      }
      return done.future();
    });
  }

  /** Status line, headers and body of one HTTP/1.1 response (status 0 when the server sent nothing). */
  static BadInputCase.Reply parse(Buffer received) {
    String text = received.toString(StandardCharsets.UTF_8);
    int headerEnd = text.indexOf("\r\n\r\n");
    if (!text.startsWith("HTTP/1.") || headerEnd < 0) {
      return new BadInputCase.Reply(0, io.vertx.core.MultiMap.caseInsensitiveMultiMap(), text);
    }
    String[] lines = text.substring(0, headerEnd).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    io.vertx.core.MultiMap headers = io.vertx.core.MultiMap.caseInsensitiveMultiMap();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.add(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
    }
    String body = text.substring(headerEnd + 4);
    String length = headers.get("content-length");
    if (length != null && body.length() > Integer.parseInt(length)) {
      body = body.substring(0, Integer.parseInt(length));
    }
    return new BadInputCase.Reply(status, headers, body);
  }

  static Buffer request(String requestLine, String... headerLines) {
    StringBuilder request = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    for (String header : headerLines) {
      request.append(header).append("\r\n");
    }
    return Buffer.buffer(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  Future<Void> close() {
    return client.close();
  }
}
