package io.github.imageloader.loader;

import io.github.imageloader.contract.HeldBytes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;

import java.util.zip.CRC32C;

/**
 * One response body as it arrives: the CRC32C and length of every chunk, and the chunks themselves only when
 * the caller wants the bytes. Kept chunks stay the buffers they arrived in (joined without copying at the end)
 * and are counted against the node's {@link HeldBytes} budget until {@link #release()}.
 */
final class ReceivedBody {

  private final CRC32C crc = new CRC32C();
  private final HeldBytes budget;
  private final CompositeByteBuf kept;
  private long length;
  private long reserved;

  /** @param budget the budget kept bytes count against, or {@code null} to keep nothing (checksum only) */
  ReceivedBody(HeldBytes budget) {
    this.budget = budget;
    this.kept = budget == null ? null : Unpooled.compositeBuffer(Integer.MAX_VALUE);
  }

  /** Reserves the bytes a response announced before its body arrives; {@code false} when they do not fit. */
  boolean reserve(long bytes) {
    if (kept == null || bytes <= reserved) {
      return true;
    }
    if (!budget.tryReserve(bytes - reserved)) {
      return false;
    }
    reserved = bytes;
    return true;
  }

  /** Adds a chunk; {@code false} when it was to be kept and the budget has no room for it. */
  boolean add(Buffer chunk) {
    Crc32c.update(crc, chunk);
    length += chunk.length();
    if (kept == null) {
      return true;
    }
    if (!reserve(length)) {
      return false;
    }
    kept.addComponent(true, ((BufferInternal) chunk).getByteBuf());
    return true;
  }

  long length() {
    return length;
  }

  String crc32c() {
    return Crc32c.encode(crc);
  }

  /** The kept bytes as one buffer over the received chunks, or {@code null} when only the checksum was kept. */
  Buffer data() {
    return kept == null ? null : BufferInternal.buffer(kept);
  }

  /** Gives the reserved bytes back to the budget (once: the holder of {@link #data()} is done with them). */
  void release() {
    if (budget != null && reserved > 0) {
      budget.release(reserved);
      reserved = 0;
    }
  }
}
