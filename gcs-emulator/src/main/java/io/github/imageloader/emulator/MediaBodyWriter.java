package io.github.imageloader.emulator;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes object bytes after the headers are set: zero-copy when no fault shapes the body, otherwise
 * from memory so it can be corrupted, cut short, paced or stalled halfway.
 */
final class MediaBodyWriter {

  /** Corrupt one byte per this many bytes (and at least one). */
  private static final int CORRUPTION_STRIDE = 64 * 1024;

  private final Vertx vertx;
  private final ObjectStore store;
  private final EmulatorStats stats;

  MediaBodyWriter(Vertx vertx, ObjectStore store, EmulatorStats stats) {
    this.vertx = vertx;
    this.store = store;
    this.stats = stats;
  }

  Future<Void> sendFile(
      HttpServerResponse response, ObjectMetadata object, long offset, long length) {
    return store
        .open(object)
        .compose(
            file ->
                response
                    .sendFile(file, offset, length)
                    .onComplete(ar -> store.close(file))
                    .onSuccess(v -> stats.bytesServed(length)));
  }

  /**
   * Sends {@code body} (already sized in Content-Length) with the body-shaping parts of {@code
   * fault}. A truncated body is followed by closing the connection, so the client sees fewer bytes
   * than announced.
   */
  Future<Void> sendShaped(HttpServerRequest request, Buffer body, DownloadFault fault) {
    HttpServerResponse response = request.response();
    boolean truncating = fault.truncate() && body.length() > 0;
    Buffer payload = body;
    if (fault.corrupt() && body.length() > 0) {
      payload = corrupt(body);
      stats.faultInjected(FaultKind.CORRUPT);
    }
    int limit = payload.length();
    if (truncating) {
      limit = body.length() / 2;
      stats.faultInjected(FaultKind.TRUNCATE);
    }
    Future<Void> written;
    if (fault.bandwidthBytesPerSec() > 0) {
      stats.faultInjected(FaultKind.THROTTLE);
      written = new PacedWrite(response, payload, limit, fault.bandwidthBytesPerSec()).start();
    } else if (fault.stallMs() > 0 && limit > 1) {
      stats.faultInjected(FaultKind.STALL);
      Buffer whole = payload;
      int half = limit / 2;
      int end = limit;
      written =
          response
              .write(whole.getBuffer(0, half))
              .compose(v -> vertx.timer(fault.stallMs()))
              .compose(v -> response.write(whole.getBuffer(half, end)));
    } else {
      written = limit == 0 ? Future.succeededFuture() : response.write(payload.getBuffer(0, limit));
    }
    int sent = limit;
    written = written.onSuccess(v -> stats.bytesServed(sent));
    return truncating
        ? written.compose(v -> request.connection().close())
        : written.compose(v -> response.end());
  }

  private static Buffer corrupt(Buffer body) {
    byte[] bytes = body.getBytes();
    int flips = Math.max(1, bytes.length / CORRUPTION_STRIDE);
    int stride = bytes.length / flips;
    for (int i = 0; i < flips; i++) {
      int position = i * stride + stride / 2;
      bytes[position] = (byte) ~bytes[position];
    }
    return Buffer.buffer(bytes);
  }

  /** Writes slices on a timer so the average rate stays at the configured bytes per second. */
  private final class PacedWrite {
    private static final long TICK_MS = 20;

    private final HttpServerResponse response;
    private final Buffer payload;
    private final int limit;
    private final long bytesPerSecond;
    private final int sliceSize;
    private final Promise<Void> done = Promise.promise();
    private long startNanos;

    PacedWrite(HttpServerResponse response, Buffer payload, int limit, long bytesPerSecond) {
      this.response = response;
      this.payload = payload;
      this.limit = limit;
      this.bytesPerSecond = bytesPerSecond;
      this.sliceSize = (int) Math.max(1, Math.min(1 << 20, bytesPerSecond * TICK_MS / 1000));
    }

    Future<Void> start() {
      startNanos = System.nanoTime();
      writeFrom(0);
      return done.future();
    }

    private void writeFrom(int offset) {
      if (offset >= limit) {
        done.tryComplete();
        return;
      }
      int end = Math.min(limit, offset + sliceSize);
      response
          .write(payload.getBuffer(offset, end))
          .onFailure(done::tryFail)
          .onSuccess(v -> scheduleNext(end));
    }

    private void scheduleNext(int offset) {
      long dueMs = offset * 1000L / bytesPerSecond;
      long elapsedMs = (System.nanoTime() - startNanos) / 1_000_000;
      long delay = dueMs - elapsedMs;
      if (delay <= 0 || offset >= limit) {
        vertx.runOnContext(v -> writeFrom(offset)); // not inline: keeps the stack flat
      } else {
        vertx.setTimer(delay, id -> writeFrom(offset));
      }
    }
  }
}
