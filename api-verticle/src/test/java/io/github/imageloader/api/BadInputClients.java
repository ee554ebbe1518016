package io.github.imageloader.api;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * How the bad-input suite talks to the api: a plain Vert.x HTTP client that sends URIs exactly as given
 * (no encoding, no normalisation), and raw TCP for what an HTTP client refuses to send.
 */
final class BadInputClients {

  final int apiPort;
  final HttpClient http;
  final RawHttp raw;
  /** The Authorization header every HTTP request gets, or {@code null}. */
  final String authorization;
  /** Where requests are made, so that their callbacks are set on the thread that completes them. */
  private final Context context;

  private BadInputClients(int apiPort, HttpClient http, RawHttp raw, String authorization, Context context) {
    this.apiPort = apiPort;
    this.http = http;
    this.raw = raw;
    this.authorization = authorization;
    this.context = context;
  }

  static BadInputClients create(Vertx vertx, int apiPort) {
    return new BadInputClients(apiPort, vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false)
      .setMaxInitialLineLength(1 << 20)), new RawHttp(vertx), null, vertx.getOrCreateContext());
  }

  BadInputClients withAuthorization(String header) {
    return new BadInputClients(apiPort, http, raw, header, context);
  }

  Future<BadInputCase.Reply> request(HttpMethod method, String uri, MultiMap headers, Buffer body) {
    RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(apiPort).setURI(uri)
      .setConnectTimeout(5_000).setIdleTimeout(10_000);
    if (headers != null) {
      options.setHeaders(headers);
    }
    if (authorization != null && (headers == null || !headers.contains("Authorization"))) {
      options.putHeader("Authorization", authorization);
    }
    // On the client's context, not the test's thread: a callback added from another thread after the response
    // arrived would ask for a body already gone (response.body() then never completes), and the case would hang.
    Promise<BadInputCase.Reply> reply = Promise.promise();
    context.runOnContext(v -> http.request(options)
      .compose(request -> body == null ? request.send() : request.send(body))
      .compose(response -> response.body().map(bytes -> new BadInputCase.Reply(response.statusCode(),
        MultiMap.caseInsensitiveMultiMap().addAll(response.headers()), bytes.toString())))
      .onComplete(reply));
    return reply.future();
  }

  Future<BadInputCase.Reply> get(String uri) {
    return request(HttpMethod.GET, uri, null, null);
  }

  Future<BadInputCase.Reply> postJson(String uri, Buffer body) {
    return request(HttpMethod.POST, uri, MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json"), body);
  }

  Future<BadInputCase.Reply> raw(Buffer request) {
    return raw.send(apiPort, request);
  }

  /** {@code head} over raw TCP, then {@code body} 100 ms later. */
  Future<BadInputCase.Reply> raw(Buffer head, Buffer body) {
    return raw.send(apiPort, head, body, 100);
  }

  Future<Void> close() {
    return http.close().compose(v -> raw.close());
  }
}
