package io.github.imageloader.emulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runtime fault-injection settings, as exchanged on {@code /_emulator/faults}. Immutable; a PUT
 * replaces the whole value, and keys it omits take their defaults (latency/jitter, the read tail and stalls from
 * the deployment config, everything else off).
 *
 * @param tailRate share of object reads whose first byte comes {@code tailMs} later than the latency says
 *     (real storage has such a tail: a few reads in a hundred far slower than the rest)
 * @param stallRate share of object reads that stop for {@code stallMs} halfway through the body
 * @param bandwidthBytesPerSec 0 means unlimited
 * @param down when true every non-admin request's connection is closed without a response
 */
public record FaultSettings(
    long latencyMs,
    long jitterMs,
    double tailRate,
    long tailMs,
    double stallRate,
    long stallMs,
    double errorRate,
    List<Integer> errorStatuses,
    double resetRate,
    double truncateRate,
    double corruptRate,
    long bandwidthBytesPerSec,
    boolean down) {

  public static final List<Integer> DEFAULT_ERROR_STATUSES = List.of(503);

  private static final Set<String> KEYS =
      Set.of(
          "latencyMs",
          "jitterMs",
          "tailRate",
          "tailMs",
          "stallRate",
          "stallMs",
          "errorRate",
          "errorStatuses",
          "resetRate",
          "truncateRate",
          "corruptRate",
          "bandwidthBytesPerSec",
          "down");

  public FaultSettings {
    requireNonNegative("latencyMs", latencyMs);
    requireNonNegative("jitterMs", jitterMs);
    requireRate("tailRate", tailRate);
    requireNonNegative("tailMs", tailMs);
    requireRate("stallRate", stallRate);
    requireNonNegative("stallMs", stallMs);
    requireRate("errorRate", errorRate);
    requireRate("resetRate", resetRate);
    requireRate("truncateRate", truncateRate);
    requireRate("corruptRate", corruptRate);
    requireNonNegative("bandwidthBytesPerSec", bandwidthBytesPerSec);
    if (errorStatuses == null || errorStatuses.isEmpty()) {
      throw new IllegalArgumentException("errorStatuses must be a non-empty list");
    }
    for (Integer status : errorStatuses) {
      if (status == null || status < 400 || status > 599) {
        throw new IllegalArgumentException("errorStatuses must be HTTP statuses in 400..599");
      }
    }
    errorStatuses = List.copyOf(errorStatuses);
  }

  /** No faults, only the configured baseline latency. */
  public static FaultSettings none(long latencyMs, long jitterMs) {
    return baseline(latencyMs, jitterMs, 0, 0, 0, 0);
  }

  /** The deployment's baseline: latency ± jitter and the read tail and stalls, no faults. */
  public static FaultSettings baseline(
      long latencyMs, long jitterMs, double tailRate, long tailMs, double stallRate, long stallMs) {
    return new FaultSettings(
        latencyMs, jitterMs, tailRate, tailMs, stallRate, stallMs, 0, DEFAULT_ERROR_STATUSES, 0, 0,
        0, 0, false);
  }

  /**
   * Parses a PUT body. Keys not present take their value from {@code defaults}.
   *
   * @throws IllegalArgumentException for unknown keys, wrong types or out-of-range values
   */
  public static FaultSettings fromJson(JsonObject json, FaultSettings defaults) {
    for (String key : json.fieldNames()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("Unknown fault setting '" + key + "'; known: " + KEYS);
      }
    }
    try {
      return new FaultSettings(
          json.getLong("latencyMs", defaults.latencyMs()),
          json.getLong("jitterMs", defaults.jitterMs()),
          json.getDouble("tailRate", defaults.tailRate()),
          json.getLong("tailMs", defaults.tailMs()),
          json.getDouble("stallRate", defaults.stallRate()),
          json.getLong("stallMs", defaults.stallMs()),
          json.getDouble("errorRate", defaults.errorRate()),
          statuses(json.getJsonArray("errorStatuses"), defaults.errorStatuses()),
          json.getDouble("resetRate", defaults.resetRate()),
          json.getDouble("truncateRate", defaults.truncateRate()),
          json.getDouble("corruptRate", defaults.corruptRate()),
          json.getLong("bandwidthBytesPerSec", defaults.bandwidthBytesPerSec()),
          json.getBoolean("down", defaults.down()));
    } catch (ClassCastException e) {
      throw new IllegalArgumentException("Wrong value type in fault settings: " + e.getMessage());
    }
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("latencyMs", latencyMs)
        .put("jitterMs", jitterMs)
        .put("tailRate", tailRate)
        .put("tailMs", tailMs)
        .put("stallRate", stallRate)
        .put("stallMs", stallMs)
        .put("errorRate", errorRate)
        .put("errorStatuses", new JsonArray(new ArrayList<>(errorStatuses)))
        .put("resetRate", resetRate)
        .put("truncateRate", truncateRate)
        .put("corruptRate", corruptRate)
        .put("bandwidthBytesPerSec", bandwidthBytesPerSec)
        .put("down", down);
  }

  private static List<Integer> statuses(JsonArray array, List<Integer> fallback) {
    if (array == null) {
      return fallback;
    }
    List<Integer> statuses = new ArrayList<>();
    for (Object value : array) {
      if (!(value instanceof Number number) || number.doubleValue() != number.intValue()) {
        throw new IllegalArgumentException("errorStatuses must contain integers");
      }
      statuses.add(number.intValue());
    }
    return statuses;
  }

  private static void requireRate(String name, double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException(name + " must be within 0..1");
    }
  }

  private static void requireNonNegative(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0");
    }
  }
}
