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
  /** Every reply is held against it: an answer the document does not describe fails the request. */
  private final OpenApiContract contract;

  private BadInputClients(int apiPort, HttpClient http, RawHttp raw, String authorization, Context context,
                          OpenApiContract contract) {
    this.apiPort = apiPort;
    this.http = http;
    this.raw = raw;
    this.authorization = authorization;
    this.context = context;
    this.contract = contract;
  }

  static BadInputClients create(Vertx vertx, TestStack stack) {
    return new BadInputClients(stack.apiPort(), vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false)
      .setMaxInitialLineLength(1 << 20)), new RawHttp(vertx), null, vertx.getOrCreateContext(), stack.contract);
  }

  BadInputClients withAuthorization(String header) {
    return new BadInputClients(apiPort, http, raw, header, context, contract);
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
    return documented(method, uri, reply.future());
  }

  Future<BadInputCase.Reply> get(String uri) {
    return request(HttpMethod.GET, uri, null, null);
  }

  Future<BadInputCase.Reply> postJson(String uri, Buffer body) {
    return request(HttpMethod.POST, uri, MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json"), body);
  }

  Future<BadInputCase.Reply> raw(Buffer request) {
    return documented(request, raw.send(apiPort, request));
  }

  /** {@code head} over raw TCP, then {@code body} 100 ms later. */
  Future<BadInputCase.Reply> raw(Buffer head, Buffer body) {
    return documented(head, raw.send(apiPort, head, body, 100));
  }

  private Future<BadInputCase.Reply> documented(HttpMethod method, String uri, Future<BadInputCase.Reply> reply) {
    return reply.compose(r -> contract.check(method, uri, r.status(), r.headers(), Buffer.buffer(r.body())).map(r));
  }

  /** A raw request is checked against its request line's method and path, when it has them. */
  private Future<BadInputCase.Reply> documented(Buffer request, Future<BadInputCase.Reply> reply) {
    String line = request.getString(0, Math.min(request.length(), 2048), "ISO-8859-1").split("\r\n", 2)[0];
    String[] parts = line.split(" ");
    return parts.length == 3 ? documented(HttpMethod.valueOf(parts[0]), parts[1], reply) : documented(HttpMethod.GET, null, reply);
  }

  Future<Void> close() {
    return http.close().compose(v -> raw.close());
  }
}
