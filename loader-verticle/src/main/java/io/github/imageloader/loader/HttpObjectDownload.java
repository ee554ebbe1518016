package io.github.imageloader.loader;

import io.github.imageloader.contract.HeldBytes;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

import java.util.concurrent.TimeoutException;

/**
 * Sends one GET for an object's bytes (JSON API media download or a signed XML-API URL) and turns the
 * answer into a verified {@link StoredObject} or a classified {@link UpstreamException}. The body is never
 * aggregated: its CRC32C is computed over each chunk as it arrives ({@link ReceivedBody}), and the chunks are
 * kept only when the caller wants the bytes.
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

  /**
   * @param bearerToken an OAuth access token, or {@code null} to send none
   * @param server      the already resolved and checked address to connect to (the URL's host still goes in the
   *                    Host header and TLS SNI), or {@code null} to let the client resolve the URL's host
   * @param budget      where the bytes are counted when the caller wants them, or {@code null} to only verify them
   */
  Future<StoredObject> get(String url, String bearerToken, String what, long deadlineEpochMs, SocketAddress server,
                           HeldBytes budget) {
    long remaining = deadlineEpochMs - System.currentTimeMillis();
    if (remaining <= 0) {
      return Future.failedFuture(UpstreamException.deadline(what));
    }
    // Waiting for a free pooled connection is our own queue, not storage being slow: it may take until the
    // job's deadline, and only the exchange with storage counts against the attempt limit (and the breaker).
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
      .setConnectTimeout(remaining).setIdleTimeout(Math.min(remaining, attemptTimeoutMs));
    if (server != null) {
      options.setServer(server);
    }
    if (bearerToken != null) {
      options.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + bearerToken);
    }
    return client.request(options)
      .recover(error -> Future.failedFuture(error instanceof TimeoutException
        ? UpstreamException.poolWait(what)
        : UpstreamException.classify(error, what)))
      .compose(request -> exchange(request, what, Math.min(deadlineEpochMs - System.currentTimeMillis(), attemptTimeoutMs),
        new ReceivedBody(budget)));
  }

  private Future<StoredObject> exchange(HttpClientRequest request, String what, long limit, ReceivedBody body) {
    if (limit <= 0) {
      request.reset();
      return Future.failedFuture(UpstreamException.deadline(what));
    }
    Promise<StoredObject> attempt = Promise.promise();
    // Cut short by the job's deadline (after a long wait for a connection, say), running out says nothing about storage.
    boolean cutByDeadline = limit < attemptTimeoutMs;
    long timer = vertx.setTimer(limit, t -> {
      if (attempt.tryFail(cutByDeadline ? UpstreamException.deadline(what) : UpstreamException.timeout(what))) {
        request.reset(0, new TimeoutException("attempt limit of " + limit + " ms reached"));
      }
    });
    request.send()
      .compose(response -> receive(request, response, what, body))
      .onComplete(done -> {
        vertx.cancelTimer(timer);
        if (done.succeeded() && attempt.tryComplete(done.result())) {
          return;
        }
        body.release();
        if (done.failed()) {
          attempt.tryFail(UpstreamException.classify(done.cause(), what));
        }
      });
    return attempt.future();
  }

  /**
   * Checksums the body chunk by chunk as it arrives (keeping the chunks only when they are wanted), then checks
   * the result against {@code x-goog-hash}. An error answer's small body is read and dropped so the
   * connection can be reused.
   */
  private static Future<StoredObject> receive(HttpClientRequest request, HttpClientResponse response, String what,
                                              ReceivedBody body) {
    if (response.statusCode() != 200) {
      return response.body().transform(ignored -> Future.failedFuture(UpstreamException.ofStatus(response.statusCode(), what)));
    }
    String declared = response.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (declared != null && !body.reserve(parseLength(declared))) {
      request.reset();
      return Future.failedFuture(UpstreamException.bytesInFlight(what));
    }
    boolean[] refused = {false};
    response.handler(chunk -> {
      if (!refused[0] && !body.add(chunk)) {
        refused[0] = true;
        request.reset();
      }
    });
    return response.end().transform(ended -> {
      if (refused[0]) {
        return Future.failedFuture(UpstreamException.bytesInFlight(what));
      }
      if (ended.failed()) {
        return Future.failedFuture(ended.cause());
      }
      String actual = body.crc32c();
      String expected = Crc32c.fromGoogHash(response.headers().getAll("x-goog-hash"));
      if (expected != null && !expected.equals(actual)) {
        return Future.failedFuture(UpstreamException.checksumMismatch(what, expected, actual));
      }
      return Future.succeededFuture(new StoredObject(body.length(), actual, body.data()));
    });
  }

  private static long parseLength(String header) {
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
