package io.github.imageloader.contract;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * A loader's successful reply to a {@link LoadJob}.
 *
 * @param target   the object name or URL that was fetched
 * @param size     the object's size in bytes
 * @param crc32c   the verified CRC32C, base64 of the big-endian value as GCS writes it
 * @param fetchMs  time spent in the loader, retries and back-off included
 * @param attempts how many storage requests it took
 * @param data     the bytes, only when the job asked for them; otherwise {@code null}
 */
public record LoadResult(String target, long size, String crc32c, long fetchMs, int attempts, Buffer data) {

  public LoadResult withoutData() {
    return data == null ? this : new LoadResult(target, size, crc32c, fetchMs, attempts, null);
  }

  JsonObject headerJson() {
    return new JsonObject()
      .put("target", target)
      .put("size", size)
      .put("crc32c", crc32c)
      .put("fetchMs", fetchMs)
      .put("attempts", attempts)
      .put("hasData", data != null);
  }

  static LoadResult fromHeader(JsonObject header, Buffer data) {
    return new LoadResult(header.getString("target"), header.getLong("size"), header.getString("crc32c"),
      header.getLong("fetchMs"), header.getInteger("attempts"), data);
  }
}
