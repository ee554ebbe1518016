package io.github.imageloader.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.zip.CRC32C;

/** CRC32C and MD5 of some content, base64-encoded the way GCS reports them. */
public record ContentHashes(String crc32c, String md5Hash) {

  private static final int READ_BUFFER = 256 * 1024;

  /** Blocking: reads the whole file. */
  public static ContentHashes ofFile(Path file) throws IOException {
    Accumulator acc = new Accumulator();
    byte[] buffer = new byte[READ_BUFFER];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        acc.update(buffer, 0, n);
      }
    }
    return acc.finish();
  }

  public static ContentHashes ofBytes(byte[] bytes, int offset, int length) {
    Accumulator acc = new Accumulator();
    acc.update(bytes, offset, length);
    return acc.finish();
  }

  /** Base64 of the big-endian CRC32C, the form used by {@code x-goog-hash} and JSON resources. */
  public static String crc32cBase64(long crc) {
    return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc).array());
  }

  private static final class Accumulator {
    private final CRC32C crc = new CRC32C();
    private final MessageDigest md5;

    Accumulator() {
      try {
        md5 = MessageDigest.getInstance("MD5");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("MD5 not available", e);
      }
    }

    void update(byte[] bytes, int offset, int length) {
      crc.update(bytes, offset, length);
      md5.update(bytes, offset, length);
    }

    ContentHashes finish() {
      return new ContentHashes(
          crc32cBase64(crc.getValue()), Base64.getEncoder().encodeToString(md5.digest()));
    }
  }
}
