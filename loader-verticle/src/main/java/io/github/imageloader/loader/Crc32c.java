package io.github.imageloader.loader;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.CRC32C;

/** CRC32C in the form GCS uses in {@code x-goog-hash} and object metadata. */
final class Crc32c {

  private Crc32c() {
  }

  static String of(Buffer data) {
    CRC32C crc = new CRC32C();
    update(crc, data);
    return encode(crc);
  }

  /** Adds {@code data} to {@code crc} in place: the buffer's own bytes, never a copy of them. */
  static void update(CRC32C crc, Buffer data) {
    crc.update(((BufferInternal) data).getByteBuf().nioBuffer());
  }

  static String encode(CRC32C crc) {
    return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  /** The {@code crc32c=} value of an {@code x-goog-hash} header (which may repeat or hold a list), or null. */
  static String fromGoogHash(Iterable<String> headerValues) {
    for (String header : headerValues) {
      for (String part : header.split(",")) {
        String trimmed = part.trim();
        if (trimmed.startsWith("crc32c=")) {
          return trimmed.substring("crc32c=".length());
        }
      }
    }
    return null;
  }
}
