package io.github.imageloader.emulator;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a client said about an object it uploads. Checksums, when present, are verified against the
 * received bytes like GCS does.
 */
public record UploadMetadata(
    String contentType, Map<String, String> customMetadata, String expectedCrc32c,
    String expectedMd5) {

  public UploadMetadata {
    customMetadata = customMetadata == null ? Map.of() : Map.copyOf(customMetadata);
  }

  static UploadMetadata of(String contentType) {
    return new UploadMetadata(contentType, Map.of(), null, null);
  }

  /** Reads the subset of a JSON object resource the emulator keeps. */
  static UploadMetadata fromResource(JsonObject resource, String fallbackContentType) {
    try {
      Map<String, String> custom = new LinkedHashMap<>();
      JsonObject metadata = resource.getJsonObject("metadata");
      if (metadata != null) {
        metadata.forEach(e -> custom.put(e.getKey(), String.valueOf(e.getValue())));
      }
      String contentType = resource.getString("contentType");
      return new UploadMetadata(
          contentType != null ? contentType : fallbackContentType,
          custom,
          resource.getString("crc32c"),
          resource.getString("md5Hash"));
    } catch (ClassCastException e) {
      throw GcsException.badRequest("Invalid object resource: " + e.getMessage());
    }
  }

  void verify(ContentHashes actual) {
    if (expectedCrc32c != null && !expectedCrc32c.equals(actual.crc32c())) {
      throw GcsException.badRequest(
          "Provided CRC32C \"" + expectedCrc32c + "\" doesn't match calculated CRC32C \""
              + actual.crc32c() + "\".");
    }
    if (expectedMd5 != null && !expectedMd5.equals(actual.md5Hash())) {
      throw GcsException.badRequest(
          "Provided MD5 hash \"" + expectedMd5 + "\" doesn't match calculated MD5 hash \""
              + actual.md5Hash() + "\".");
    }
  }
}
