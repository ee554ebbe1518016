package io.github.imageloader.emulator;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Renders objects and buckets as GCS JSON API resources. */
final class ResourceJson {

  private ResourceJson() {}

  /**
   * @param baseUrl scheme and authority the client used to reach us, e.g. {@code
   *     http://127.0.0.1:4443}, so links point back at this emulator
   */
  static JsonObject object(ObjectMetadata m, String baseUrl) {
    String encodedName = PercentCodec.encode(m.name());
    String timestamp = rfc3339(m.updated());
    JsonObject json =
        new JsonObject()
            .put("kind", "storage#object")
            .put("id", m.bucket() + "/" + m.name() + "/" + m.generation())
            .put("selfLink", baseUrl + "/storage/v1/b/" + m.bucket() + "/o/" + encodedName)
            .put(
                "mediaLink",
                baseUrl
                    + "/download/storage/v1/b/"
                    + m.bucket()
                    + "/o/"
                    + encodedName
                    + "?generation="
                    + m.generation()
                    + "&alt=media")
            .put("name", m.name())
            .put("bucket", m.bucket())
            .put("generation", Long.toString(m.generation()))
            .put("metageneration", Long.toString(m.metageneration()))
            .put("contentType", m.contentType())
            .put("storageClass", "STANDARD")
            .put("size", Long.toString(m.size()))
            .put("md5Hash", m.md5Hash())
            .put("crc32c", m.crc32c())
            .put("etag", m.etag())
            .put("timeCreated", timestamp)
            .put("updated", timestamp)
            .put("timeStorageClassUpdated", timestamp);
    if (!m.customMetadata().isEmpty()) {
      JsonObject custom = new JsonObject();
      m.customMetadata().forEach(custom::put);
      json.put("metadata", custom);
    }
    return json;
  }

  static JsonObject bucket(String bucket, Instant created, String baseUrl) {
    String timestamp = rfc3339(created);
    return new JsonObject()
        .put("kind", "storage#bucket")
        .put("id", bucket)
        .put("selfLink", baseUrl + "/storage/v1/b/" + bucket)
        .put("projectNumber", "0")
        .put("name", bucket)
        .put("timeCreated", timestamp)
        .put("updated", timestamp)
        .put("metageneration", "1")
        .put("location", "US")
        .put("locationType", "multi-region")
        .put("storageClass", "STANDARD")
        .put("etag", "CAE=");
  }

  static String rfc3339(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }
}
