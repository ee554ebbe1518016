package io.github.imageloader.contract;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The node's budget for image bytes held in memory on purpose: objects a caller asked for
 * ({@code GET /images/archive}) from their first byte until they are written out, and uploads from their
 * first byte until they are stored. Loads that only verify (every {@code GET /images}) stream through a
 * checksum and hold nothing, so they never touch it. One budget per Vert.x instance, shared by its api and
 * loader verticles; past it a request is refused with 503 rather than growing the heap.
 */
public final class HeldBytes implements Shareable {

  private static final String MAP = "imageloader.held-bytes";

  private final long limit;
  private final AtomicLong held = new AtomicLong();

  private HeldBytes(long limit) {
    this.limit = limit;
  }

  /** This node's budget; the first caller's limit ({@code MAX_BYTES_IN_FLIGHT}) sets it. */
  public static HeldBytes of(Vertx vertx, long limit) {
    LocalMap<String, HeldBytes> map = vertx.sharedData().getLocalMap(MAP);
    HeldBytes fresh = new HeldBytes(limit);
    HeldBytes existing = map.putIfAbsent("budget", fresh);
    return existing != null ? existing : fresh;
  }

  /** Takes {@code bytes} if they fit under the limit; {@code false} (nothing taken) if they do not. */
  public boolean tryReserve(long bytes) {
    while (true) {
      long current = held.get();
      if (current + bytes > limit) {
        return false;
      }
      if (held.compareAndSet(current, current + bytes)) {
        return true;
      }
    }
  }

  /** Takes {@code bytes} that are already in memory (they arrived from another node), even past the limit. */
  public void reserve(long bytes) {
    held.addAndGet(bytes);
  }

  public void release(long bytes) {
    held.addAndGet(-bytes);
  }

  /** What a caller refused by the budget is told: {@code what} cannot be taken now. */
  public static String refusal(String what) {
    return "the service holds as many image bytes as it may (MAX_BYTES_IN_FLIGHT) and cannot take " + what + " now; retry shortly";
  }

  public long held() {
    return held.get();
  }

  public long limit() {
    return limit;
  }
}
