package io.github.imageloader.api;

import io.vertx.core.buffer.Buffer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Date;

/**
 * Writes a POSIX tar archive one entry at a time without copying the entries' bytes: commons-compress makes
 * each entry's header (PAX headers included, for long or non-ASCII names), the caller writes the bytes it
 * already holds, then this pads them to a whole block; {@link #finish()} ends the archive as tar does.
 */
final class TarStream {

  private static final int BLOCK = TarConstants.DEFAULT_RCDSIZE;
  private static final int RECORD = TarConstants.DEFAULT_BLKSIZE;

  private final Date modified = new Date();
  private long written;

  /** The header block(s) of an entry of {@code size} bytes. */
  Buffer header(String name, long size) {
    ByteArrayOutputStream produced = new ByteArrayOutputStream(BLOCK);
    // A fresh stream per header, blocking at one 512-byte block so the header comes out whole at once; the
    // entry's bytes never pass through it (it is dropped unfinished).
    TarArchiveOutputStream tar = new TarArchiveOutputStream(produced, BLOCK, "UTF-8");
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
    try {
      TarArchiveEntry entry = new TarArchiveEntry(name, true);
      entry.setSize(size);
      entry.setModTime(modified);
      tar.putArchiveEntry(entry);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return counted(Buffer.buffer(produced.toByteArray()));
  }

  /** Zeros that fill the last block of an entry of {@code size} bytes. */
  Buffer padding(long size) {
    written += size;
    int remainder = (int) (size % BLOCK);
    return counted(Buffer.buffer(new byte[remainder == 0 ? 0 : BLOCK - remainder]));
  }

  /** Two zero blocks end the archive, which is then padded to a whole record (10 KB), as tar writes it. */
  Buffer finish() {
    long end = written + 2L * BLOCK;
    long total = (end + RECORD - 1) / RECORD * RECORD;
    return counted(Buffer.buffer(new byte[(int) (total - written)]));
  }

  private Buffer counted(Buffer bytes) {
    written += bytes.length();
    return bytes;
  }
}
