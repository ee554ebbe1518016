package io.github.imageloader.contract;

import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.List;

/**
 * Typed reads of the node's flat configuration. Keys are the environment variable names; values from
 * the environment or system properties arrive as strings, values from {@code conf/*.json} as JSON types.
 */
public final class ConfigValues {

  private ConfigValues() {
  }

  public static String string(JsonObject config, String key, String defaultValue) {
    Object value = config.getValue(key);
    return value == null ? defaultValue : value.toString().trim();
  }

  public static int intValue(JsonObject config, String key, int defaultValue) {
    return (int) longValue(config, key, defaultValue);
  }

  /** An integer setting that must be above zero; a bad one is refused at start-up, naming the key. */
  public static int positive(JsonObject config, String key, int defaultValue) {
    int value = intValue(config, key, defaultValue);
    if (value <= 0) {
      throw new IllegalArgumentException(key + " must be positive, not " + value);
    }
    return value;
  }

  /** A whole-number setting that must be above zero (byte counts, say); a bad one is refused at start-up. */
  public static long positiveLong(JsonObject config, String key, long defaultValue) {
    long value = longValue(config, key, defaultValue);
    if (value <= 0) {
      throw new IllegalArgumentException(key + " must be positive, not " + value);
    }
    return value;
  }

  public static long longValue(JsonObject config, String key, long defaultValue) {
    Object value = config.getValue(key);
    if (value == null || value.toString().isBlank()) {
      return defaultValue;
    }
    try {
      return value instanceof Number number ? number.longValue() : Long.parseLong(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, not '" + value + "'");
    }
  }

  /** A share from 0 to 1 (0.02 is 2 %); a bad one is refused at start-up, naming the key. */
  public static double share(JsonObject config, String key, double defaultValue) {
    double share = doubleValue(config, key, defaultValue);
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException(key + " must be a number from 0 to 1, not " + share);
    }
    return share;
  }

  /** A number setting (2.0, 0.02); a bad one is refused at start-up, naming the key. */
  public static double doubleValue(JsonObject config, String key, double defaultValue) {
    Object value = config.getValue(key);
    if (value == null || value.toString().isBlank()) {
      return defaultValue;
    }
    try {
      return value instanceof Number number ? number.doubleValue() : Double.parseDouble(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a number, not '" + value + "'");
    }
  }

  public static boolean bool(JsonObject config, String key, boolean defaultValue) {
    Object value = config.getValue(key);
    if (value == null || value.toString().isBlank()) {
      return defaultValue;
    }
    String text = value.toString().trim().toLowerCase();
    if (!text.equals("true") && !text.equals("false")) {
      throw new IllegalArgumentException(key + " must be true or false, not '" + value + "'");
    }
    return Boolean.parseBoolean(text);
  }

  /** A comma-separated list (or a JSON array); blank entries are dropped. */
  public static List<String> list(JsonObject config, String key, String defaultValue) {
    Object value = config.getValue(key);
    if (value instanceof io.vertx.core.json.JsonArray array) {
      return array.stream().map(Object::toString).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
    String text = value == null ? defaultValue : value.toString();
    return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
