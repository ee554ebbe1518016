package io.github.imageloader.sizing;

import io.vertx.core.json.JsonObject;

/** JSON has no NaN: an unknown figure (no sample in a window, a unit too busy to scrape) is written as null. */
final class JsonNumbers {

  private JsonNumbers() {
  }

  static Double write(double value) {
    return Double.isNaN(value) || Double.isInfinite(value) ? null : value;
  }

  static double read(JsonObject json, String key) {
    Double value = json.getDouble(key);
    return value == null ? Double.NaN : value;
  }
}
