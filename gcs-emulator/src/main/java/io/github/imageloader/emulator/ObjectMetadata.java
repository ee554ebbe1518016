package io.github.imageloader.emulator;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * Everything the emulator reports about one stored object. Hashes are base64, as GCS reports them
 * (crc32c: big-endian 4 bytes; md5: 16 bytes).
 */
public record ObjectMetadata(
    String bucket,
    String name,
    Path file,
    long size,
    long generation,
    long metageneration,
    String contentType,
    String crc32c,
    String md5Hash,
    Instant updated,
    Map<String, String> customMetadata) {

  public ObjectMetadata {
    customMetadata = customMetadata == null ? Map.of() : Map.copyOf(customMetadata);
  }

  /** Opaque entity tag that changes with every new generation. */
  public String etag() {
    return Base64.getEncoder()
        .withoutPadding()
        .encodeToString((generation + "/" + metageneration).getBytes(StandardCharsets.US_ASCII));
  }

  /** Hex md5, the ETag the XML API returns for non-composite objects. */
  public String md5Hex() {
    byte[] md5 = Base64.getDecoder().decode(md5Hash);
    StringBuilder hex = new StringBuilder(32);
    for (byte b : md5) {
      hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    return hex.toString();
  }

  /** Value of the {@code x-goog-hash} response header. */
  public String googHashHeader() {
    return "crc32c=" + crc32c + ",md5=" + md5Hash;
  }
}
