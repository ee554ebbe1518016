package io.github.imageloader.loader;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

import java.util.concurrent.TimeoutException;

/**
 * Sends one GET for an object's bytes (JSON API media download or a signed XML-API URL) and turns the
 * answer into a verified {@link StoredObject} or a classified {@link UpstreamException}.
 * <p>
 * The attempt has a hard limit: the HTTP client's own timeout is an idle timeout, re-armed by every chunk,
 * so a response that trickles in would hold a pooled connection long past the job's deadline. A timer
 * resets the request instead (which closes that one connection) and fails the attempt.
 */
final class HttpObjectDownload {

  private final Vertx vertx;
  private final HttpClient client;
  private final long attemptTimeoutMs;

  HttpObjectDownload(Vertx vertx, HttpClient client, long attemptTimeoutMs) {
    this.vertx = vertx;
    this.client = client;
    this.attemptTimeoutMs = attemptTimeoutMs;
  }

  /** @param bearerToken an OAuth access token, or {@code null} to send none */
  Future<StoredObject> get(String url, String bearerToken, String what, long deadlineEpochMs) {
    return get(url, bearerToken, what, deadlineEpochMs, null);
  }

  /**
   * @param server the already resolved and checked address to connect to (the URL's host still goes in the
   *               Host header and TLS SNI), or {@code null} to let the client resolve the URL's host
   */
  Future<StoredObject> get(String url, String bearerToken, String what, long deadlineEpochMs, SocketAddress server) {
    long limit = Math.min(deadlineEpochMs - System.currentTimeMillis(), attemptTimeoutMs);
    if (limit <= 0) {
      return Future.failedFuture(UpstreamException.deadline(what));
    }
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
      .setConnectTimeout(limit).setIdleTimeout(limit);
    if (server != null) {
      options.setServer(server);
    }
    if (bearerToken != null) {
      options.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + bearerToken);
    }
    Promise<StoredObject> attempt = Promise.promise();
    HttpClientRequest[] sent = new HttpClientRequest[1];
    long timer = vertx.setTimer(limit, t -> {
      if (attempt.tryFail(UpstreamException.timeout(what)) && sent[0] != null) {
        sent[0].reset(0, new TimeoutException("attempt limit of " + limit + " ms reached"));
      }
    });
    client.request(options)
      .compose(request -> {
        if (attempt.future().isComplete()) {
          request.reset();
          return Future.failedFuture(UpstreamException.timeout(what));
        }
        sent[0] = request;
        return request.send().compose(response -> response.body()
          .map(body -> verified(response.statusCode(), response.headers(), body, what)));
      })
      .onComplete(done -> {
        vertx.cancelTimer(timer);
        if (done.succeeded()) {
          attempt.tryComplete(done.result());
        } else {
          attempt.tryFail(UpstreamException.classify(done.cause(), what));
        }
      });
    return attempt.future();
  }

  private static StoredObject verified(int status, MultiMap headers, Buffer body, String what) {
    if (status != 200) {
      throw UpstreamException.ofStatus(status, what);
    }
    String actual = Crc32c.of(body);
    String expected = Crc32c.fromGoogHash(headers.getAll("x-goog-hash"));
    if (expected != null && !expected.equals(actual)) {
      throw UpstreamException.checksumMismatch(what, expected, actual);
    }
    return new StoredObject(body, actual);
  }
}
