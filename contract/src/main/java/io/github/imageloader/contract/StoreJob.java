package io.github.imageloader.contract;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One upload for a loader: store {@code data} as a new object, create-only, before {@code deadlineEpochMs}.
 * The api has already checked the bytes (type, size); the loader computes their crc32c and has storage verify it.
 *
 * @param bucket          the bucket
 * @param objectName      the full object name (prefix included), chosen by the server, never by the client
 * @param contentType     the sniffed media type, e.g. {@code image/jpeg}
 * @param metadata        custom object metadata (e.g. the prompt)
 * @param data            the image bytes
 * @param deadlineEpochMs wall-clock time after which the caller no longer waits
 */
public record StoreJob(String bucket, String objectName, String contentType, Map<String, String> metadata, Buffer data,
                       long deadlineEpochMs) {

  public StoreJob {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(objectName, "objectName");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(data, "data");
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  public long remainingMs() {
    return deadlineEpochMs - System.currentTimeMillis();
  }

  JsonObject headerJson() {
    JsonObject custom = new JsonObject();
    metadata.forEach(custom::put);
    return new JsonObject()
      .put("bucket", bucket)
      .put("objectName", objectName)
      .put("contentType", contentType)
      .put("metadata", custom)
      .put("deadline", deadlineEpochMs);
  }

  static StoreJob fromFrame(JsonObject header, Buffer payload) {
    Map<String, String> custom = new LinkedHashMap<>();
    JsonObject metadata = header.getJsonObject("metadata", new JsonObject());
    metadata.forEach(e -> custom.put(e.getKey(), String.valueOf(e.getValue())));
    return new StoreJob(header.getString("bucket"), header.getString("objectName"), header.getString("contentType"),
      custom, payload == null ? Buffer.buffer() : payload, header.getLong("deadline"));
  }
}
