package io.github.imageloader.loader;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;

/**
 * Sends one GET for an object's bytes (JSON API media download or a signed XML-API URL) and turns the
 * answer into a verified {@link StoredObject} or a classified {@link UpstreamException}.
 */
final class HttpObjectDownload {

  private HttpObjectDownload() {
  }

  static Future<StoredObject> send(HttpRequest<Buffer> request, String what, long deadlineEpochMs, long attemptTimeoutMs) {
    long remaining = deadlineEpochMs - System.currentTimeMillis();
    if (remaining <= 0) {
      return Future.failedFuture(UpstreamException.deadline(what));
    }
    return request.timeout(Math.min(remaining, attemptTimeoutMs))
      .send()
      .transform(ar -> ar.succeeded()
        ? Future.succeededFuture(verified(ar.result(), what))
        : Future.failedFuture(UpstreamException.classify(ar.cause(), what)));
  }

  private static StoredObject verified(HttpResponse<Buffer> response, String what) {
    if (response.statusCode() != 200) {
      throw UpstreamException.ofStatus(response.statusCode(), what);
    }
    Buffer body = response.body() == null ? Buffer.buffer() : response.body();
    String actual = Crc32c.of(body);
    String expected = Crc32c.fromGoogHash(response.headers().getAll("x-goog-hash"));
    if (expected != null && !expected.equals(actual)) {
      throw UpstreamException.checksumMismatch(what, expected, actual);
    }
    return new StoredObject(body, actual);
  }
}
