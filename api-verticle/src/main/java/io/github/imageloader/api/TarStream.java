package io.github.imageloader.api;

import io.vertx.core.buffer.Buffer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Date;

/**
 * Builds a POSIX tar archive one entry at a time, handing back the bytes each step produced so they can
 * be written to the response as they are made rather than after the whole archive exists.
 */
final class TarStream {

  private final ByteArrayOutputStream produced = new ByteArrayOutputStream();
  private final TarArchiveOutputStream tar = new TarArchiveOutputStream(produced, "UTF-8");
  private final Date modified = new Date();

  TarStream() {
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
  }

  Buffer entry(String name, Buffer data) {
    try {
      TarArchiveEntry entry = new TarArchiveEntry(name, true);
      entry.setSize(data.length());
      entry.setModTime(modified);
      tar.putArchiveEntry(entry);
      tar.write(data.getBytes());
      tar.closeArchiveEntry();
      return drain();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Buffer finish() {
    try {
      tar.finish();
      return drain();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Buffer drain() {
    Buffer bytes = Buffer.buffer(produced.toByteArray());
    produced.reset();
    return bytes;
  }
}
