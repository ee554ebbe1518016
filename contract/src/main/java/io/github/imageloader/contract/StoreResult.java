package io.github.imageloader.contract;

import io.vertx.core.json.JsonObject;

/**
 * A loader's successful reply to a {@link StoreJob}: what storage now holds.
 *
 * @param objectName the full object name
 * @param size       the stored size in bytes
 * @param crc32c     the crc32c storage verified, base64 of the big-endian value as GCS writes it
 * @param generation the new object's generation
 * @param storeMs    time spent in the loader, retries and back-off included
 * @param attempts   how many storage requests it took
 */
public record StoreResult(String objectName, long size, String crc32c, long generation, long storeMs, int attempts) {

  JsonObject toJson() {
    return new JsonObject()
      .put("objectName", objectName)
      .put("size", size)
      .put("crc32c", crc32c)
      .put("generation", generation)
      .put("storeMs", storeMs)
      .put("attempts", attempts);
  }

  static StoreResult fromJson(JsonObject json) {
    return new StoreResult(json.getString("objectName"), json.getLong("size"), json.getString("crc32c"),
      json.getLong("generation"), json.getLong("storeMs"), json.getInteger("attempts"));
  }
}
