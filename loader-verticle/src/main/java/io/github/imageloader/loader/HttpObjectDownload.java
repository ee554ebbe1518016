package io.github.imageloader.loader;

import io.github.imageloader.contract.HeldBytes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;

/**
 * Reads an object's bytes (JSON API media download or a signed XML-API URL) into a verified {@link StoredObject}
 * or a classified {@link UpstreamException}. The body is never aggregated: its CRC32C is computed over each chunk
 * as it arrives ({@link ReceivedBody}), and the chunks are kept only when the caller wants the bytes. Each read is
 * an {@link ObjectRead}: hedged when its first byte is late and resumed when its body stalls ({@link ReadTail}).
 * <p>
 * A read has a hard limit: the HTTP client's own timeout is an idle timeout, re-armed by every chunk, so a response
 * that trickles in would hold a pooled connection long past the job's deadline. A timer resets the requests
 * instead (which closes their connections) and fails the attempt.
 */
final class HttpObjectDownload {

  private final Vertx vertx;
  private final HttpClient client;
  private final ReadTail tail;
  private final long attemptTimeoutMs;

  HttpObjectDownload(Vertx vertx, HttpClient client, ReadTail tail, long attemptTimeoutMs) {
    this.vertx = vertx;
    this.client = client;
    this.tail = tail;
    this.attemptTimeoutMs = attemptTimeoutMs;
  }

  /** @param budget where the bytes are counted when the caller wants them, or {@code null} to only verify them */
  Future<StoredObject> get(ReadTarget target, String what, long deadlineEpochMs, HeldBytes budget) {
    if (deadlineEpochMs - System.currentTimeMillis() <= 0) {
      return Future.failedFuture(UpstreamException.deadline(what));
    }
    return new ObjectRead(vertx, client, tail, target, what, deadlineEpochMs, attemptTimeoutMs, budget).start();
  }
}
