package io.github.imageloader.loader;

import io.github.imageloader.contract.HeldBytes;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * One read of an object's bytes, defended against storage's tail (README "Tail latency"):
 * <ul>
 *   <li>a <b>hedge</b>: when the first byte has not come within the hedge delay, a second request for the same
 *   object goes out (another connection: the first one is busy), and after another delay without a first byte a
 *   third, up to {@code HEDGES_MAX}; the first copy that arrives complete and verified wins and the others are
 *   reset. A copy that fails (a corrupted body, say) never wins: the read waits
 *   for the other. A copy of another generation than the one the first copy reported is refused;</li>
 *   <li>a <b>resume</b>: a body that stops arriving for longer than the stall limit is asked for again from the
 *   byte where it stopped ({@code Range}), pinned to the generation it began with, on another connection (the
 *   stalled one is reset); the checksum runs on over the whole object.</li>
 * </ul>
 * The whole read, copies and resumes included, is one storage attempt: it has the attempt's hard limit, after
 * which every request still open is reset. Confined to the loader's event loop.
 */
final class ObjectRead {

  private final Vertx vertx;
  private final HttpClient client;
  private final ReadTail tail;
  private final ReadTarget target;
  private final String what;
  private final long deadlineEpochMs;
  private final long attemptTimeoutMs;
  private final HeldBytes budget;
  private final Promise<StoredObject> result = Promise.promise();
  /** The primary copy first, then the hedges in the order they went out. */
  private final List<Copy> copies = new ArrayList<>(2);
  private Long generation;
  private UpstreamException failure;
  private long limitTimer = -1;

  ObjectRead(Vertx vertx, HttpClient client, ReadTail tail, ReadTarget target, String what, long deadlineEpochMs,
             long attemptTimeoutMs, HeldBytes budget) {
    this.vertx = vertx;
    this.client = client;
    this.tail = tail;
    this.target = target;
    this.what = what;
    this.deadlineEpochMs = deadlineEpochMs;
    this.attemptTimeoutMs = attemptTimeoutMs;
    this.budget = budget;
  }

  Future<StoredObject> start() {
    tail.readStarted();
    Copy primary = new Copy(true);
    copies.add(primary);
    primary.request(0);
    return result.future();
  }

  /**
   * Arms the attempt's hard limit when the first request has a connection. Waiting for a free pooled connection
   * is our own queue, not storage being slow: it may take until the job's deadline, and only the exchange with
   * storage counts against the attempt limit (and the breaker).
   */
  private void armLimit() {
    if (limitTimer >= 0) {
      return;
    }
    long limit = Math.min(deadlineEpochMs - System.currentTimeMillis(), attemptTimeoutMs);
    // Cut short by the job's deadline, running out says nothing about storage.
    boolean cutByDeadline = limit < attemptTimeoutMs;
    limitTimer = vertx.setTimer(Math.max(1, limit), t -> {
      limitTimer = -1;
      if (result.tryFail(cutByDeadline ? UpstreamException.deadline(what) : UpstreamException.timeout(what))) {
        TimeoutException why = new TimeoutException("attempt limit of " + limit + " ms reached");
        copies.forEach(copy -> abandon(copy, why));
      }
    });
  }

  /**
   * Sends one more copy while none has begun to arrive, up to {@code HEDGES_MAX}: with a 2 % tail, a hedge lands in
   * the tail as well for one read in 2,500, which with 40 reads a batch is a slow batch in 60.
   *
   * @return whether a hedge went out
   */
  private boolean hedge() {
    if (copies.size() > tail.settings().hedgesMax() || result.future().isComplete()
        || copies.stream().anyMatch(copy -> copy.responding) || !tail.tryHedge()) {
      return false;
    }
    Copy hedge = new Copy(false);
    copies.add(hedge);
    hedge.request(0);
    return true;
  }

  private void won(Copy copy, StoredObject object) {
    if (result.future().isComplete()) {
      copy.body.release();
      return;
    }
    cancelLimit();
    for (Copy other : copies) {
      if (other != copy) {
        abandon(other, null);
      }
    }
    if (!copy.isPrimary) {
      tail.hedgeWon();
    }
    result.complete(object);
  }

  /** A copy failed: the read fails only when no other copy is still arriving, with the primary's failure. */
  private void failed(Copy copy, UpstreamException error) {
    if (failure == null || copy.isPrimary) {
      failure = error;
    }
    if (copies.stream().anyMatch(other -> !other.finished)) {
      return;
    }
    cancelLimit();
    result.tryFail(failure);
  }

  private void abandon(Copy copy, Throwable why) {
    if (copy != null && !copy.finished) {
      copy.abandon(why);
    }
  }

  private void cancelLimit() {
    if (limitTimer >= 0) {
      vertx.cancelTimer(limitTimer);
      limitTimer = -1;
    }
  }

  /** One copy of the object as it arrives, over one request or, after stalls, several consecutive ones. */
  private final class Copy {

    private final boolean isPrimary;
    private final ReceivedBody body = new ReceivedBody(budget);
    /** The request now streaming this copy's bytes; responses of requests it replaced are ignored. */
    private HttpClientRequest request;
    private long sentNanos;
    private long lastProgressNanos;
    private boolean responding;
    private String expectedCrc32c;
    private Long copyGeneration;
    private int resumes;
    private boolean finished;
    private long watch = -1;

    Copy(boolean isPrimary) {
      this.isPrimary = isPrimary;
    }

    void request(long from) {
      long remaining = deadlineEpochMs - System.currentTimeMillis();
      if (remaining <= 0) {
        fail(UpstreamException.deadline(what));
        return;
      }
      client.request(target.request(from, copyGeneration, remaining, Math.min(remaining, attemptTimeoutMs)))
        .onComplete(obtained -> {
          if (obtained.failed()) {
            if (!finished) {
              fail(obtained.cause() instanceof TimeoutException
                ? UpstreamException.poolWait(what)
                : UpstreamException.classify(obtained.cause(), what));
            }
            return;
          }
          HttpClientRequest sent = obtained.result();
          if (finished) {
            sent.reset();
            return;
          }
          request = sent;
          responding = false;
          sentNanos = System.nanoTime();
          armLimit();
          TailSettings settings = tail.settings();
          if (isPrimary && from == 0 && settings.hedge()) {
            arm(tail.hedgeDelayMs(target.latencyKey()));
          } else if (settings.resumesMax() > 0) {
            arm(tail.stallLimitMs(target.latencyKey()));
          }
          sent.send().onComplete(answered -> {
            if (sent != request || finished) {
              return;
            }
            if (answered.failed()) {
              fail(UpstreamException.classify(answered.cause(), what));
            } else {
              respond(sent, answered.result(), from);
            }
          });
        });
    }

    private void respond(HttpClientRequest sent, HttpClientResponse response, long from) {
      long now = System.nanoTime();
      tail.firstByte(target.latencyKey(), now - sentNanos);
      int status = response.statusCode();
      if (from > 0 && status == 200) {
        // The whole object again instead of the rest: not what was asked, and not worth reading.
        sent.reset();
        fail(UpstreamException.badResume(what));
        return;
      }
      if (status != (from == 0 ? 200 : 206)) {
        // An error answer's small body is read and dropped so the connection can be reused.
        response.body().onComplete(ignored -> fail(from > 0 && status == 412
          ? UpstreamException.generationChanged(what)
          : UpstreamException.ofStatus(status, what)));
        return;
      }
      Long answered = parseLong(response.getHeader("x-goog-generation"));
      if (from == 0) {
        if (generation == null) {
          generation = answered;
        } else if (answered != null && !answered.equals(generation)) {
          sent.reset();
          fail(UpstreamException.generationChanged(what));
          return;
        }
        copyGeneration = answered;
        expectedCrc32c = Crc32c.fromGoogHash(response.headers().getAll("x-goog-hash"));
        Long declared = parseLong(response.getHeader(HttpHeaders.CONTENT_LENGTH));
        if (declared != null && !body.reserve(declared)) {
          sent.reset();
          fail(UpstreamException.bytesInFlight(what));
          return;
        }
      } else if (answered == null || !answered.equals(copyGeneration) || !rangeStartsAt(response, from)) {
        sent.reset();
        fail(answered != null && !answered.equals(copyGeneration)
          ? UpstreamException.generationChanged(what)
          : UpstreamException.badResume(what));
        return;
      }
      responding = true;
      lastProgressNanos = now;
      if (watch < 0 && tail.settings().resumesMax() > 0) {
        arm(tail.stallLimitMs(target.latencyKey()));
      }
      response.handler(chunk -> {
        if (sent != request || finished) {
          return;
        }
        lastProgressNanos = System.nanoTime();
        if (!body.add(chunk)) {
          sent.reset();
          fail(UpstreamException.bytesInFlight(what));
        }
      });
      response.end().onComplete(ended -> {
        if (sent != request || finished) {
          return;
        }
        if (ended.failed()) {
          fail(UpstreamException.classify(ended.cause(), what));
          return;
        }
        String actual = body.crc32c();
        if (expectedCrc32c != null && !expectedCrc32c.equals(actual)) {
          fail(UpstreamException.checksumMismatch(what, expectedCrc32c, actual));
          return;
        }
        finish();
        won(this, new StoredObject(body.length(), actual, body.data()));
      });
    }

    /** The one timer a copy keeps: first the hedge delay, then the stall limit, re-armed from the last chunk. */
    private void arm(long delayMs) {
      if (watch >= 0) {
        vertx.cancelTimer(watch);
      }
      watch = vertx.setTimer(Math.max(1, delayMs), id -> {
        watch = -1;
        check();
      });
    }

    private void check() {
      if (finished) {
        return;
      }
      long stallLimitMs = tail.stallLimitMs(target.latencyKey());
      if (!responding) {
        if (isPrimary && resumes == 0 && tail.settings().hedge()) {
          if (hedge() && copies.size() <= tail.settings().hedgesMax()) {
            arm(tail.hedgeDelayMs(target.latencyKey()));
          }
          // The first byte may still come; from then on the body is watched for stalls.
        } else if (resumes > 0) {
          // A resumed request's first byte is the body's next byte: waiting for it is a stall too.
          long waitedMs = elapsedMs(sentNanos);
          if (waitedMs >= stallLimitMs) {
            resume();
          } else {
            arm(stallLimitMs - waitedMs);
          }
        }
        return;
      }
      long silentMs = elapsedMs(lastProgressNanos);
      if (silentMs >= stallLimitMs) {
        resume();
      } else {
        arm(stallLimitMs - silentMs);
      }
    }

    /** Asks for the rest of a stalled body on another connection; past the allowed resumes it waits it out. */
    private void resume() {
      if (resumes >= tail.settings().resumesMax() || copyGeneration == null) {
        return;
      }
      resumes++;
      tail.resumed();
      HttpClientRequest stalled = request;
      request = null;
      responding = false;
      stalled.reset(0, new TimeoutException("body stalled; resumed at byte " + body.length()));
      request(body.length());
    }

    private void fail(UpstreamException error) {
      if (finished) {
        return;
      }
      finish();
      body.release();
      failed(this, error);
    }

    void abandon(Throwable why) {
      if (!responding && request != null) {
        // Counted as a first byte at least this late, or the hedge delay would forget the reads it hedged.
        tail.firstByte(target.latencyKey(), System.nanoTime() - sentNanos);
      }
      finish();
      if (request != null) {
        if (why == null) {
          request.reset();
        } else {
          request.reset(0, why);
        }
      }
      body.release();
    }

    private void finish() {
      finished = true;
      if (watch >= 0) {
        vertx.cancelTimer(watch);
        watch = -1;
      }
    }
  }

  private static boolean rangeStartsAt(HttpClientResponse response, long from) {
    String range = response.getHeader("Content-Range");
    return range != null && range.startsWith("bytes " + from + "-");
  }

  private static long elapsedMs(long sinceNanos) {
    return (System.nanoTime() - sinceNanos) / 1_000_000;
  }

  private static Long parseLong(String header) {
    if (header == null) {
      return null;
    }
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
