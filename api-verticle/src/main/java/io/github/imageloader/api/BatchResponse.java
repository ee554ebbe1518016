package io.github.imageloader.api;

import io.github.imageloader.contract.LoadResult;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** The 200 body of a batch: the study's {@code message}, totals, and one entry per image in request order. */
final class BatchResponse {

  private BatchResponse() {
  }

  static JsonObject of(List<LoadResult> results, List<String> labels, String labelKey, long elapsedMs) {
    JsonArray images = new JsonArray();
    long totalBytes = 0;
    for (int i = 0; i < results.size(); i++) {
      LoadResult result = results.get(i);
      totalBytes += result.size();
      images.add(new JsonObject()
        .put(labelKey, labels.get(i))
        .put("bytes", result.size())
        .put("crc32c", result.crc32c())
        .put("ms", result.fetchMs())
        .put("attempts", result.attempts()));
    }
    return new JsonObject()
      .put("message", "loaded " + results.size() + " images")
      .put("count", results.size())
      .put("bytes", totalBytes)
      .put("elapsedMs", elapsedMs)
      .put("images", images);
  }
}
