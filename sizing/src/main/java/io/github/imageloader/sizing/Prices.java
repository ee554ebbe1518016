package io.github.imageloader.sizing;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prices of compute: per vCPU-hour and per GB-hour of memory, and the hours a month is billed for.
 * The default (resource {@code prices-seoul.json}) reproduces every price of the second study's table:
 * $0.0276 per vCPU-hour with memory included (1 vCPU / 1.5 GB $0.0276/h, 2 vCPU / 3 GB $0.0552/h,
 * 1.5 vCPU / 2 GB $0.0414/h) and a 720-hour month ($19.87 for 1 vCPU / 1.5 GB).
 */
public record Prices(String name, String currency, double vcpuHour, double gbHour, double hoursPerMonth, String source) {

  public Prices {
    if (!(vcpuHour >= 0) || !(gbHour >= 0) || !(hoursPerMonth > 0)) {
      throw new IllegalArgumentException("prices need vcpuHour >= 0, gbHour >= 0 and hoursPerMonth > 0");
    }
  }

  public static Prices seoul() {
    try (InputStream in = Prices.class.getResourceAsStream("/prices-seoul.json")) {
      return fromJson(new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new IllegalStateException("the built-in prices-seoul.json is missing", e);
    }
  }

  public static Prices load(Path file) throws IOException {
    try {
      return fromJson(new JsonObject(Files.readString(file)));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("prices file " + file + ": " + e.getMessage(), e);
    }
  }

  static Prices fromJson(JsonObject json) {
    for (String key : new String[] {"vcpuHour", "gbHour", "hoursPerMonth"}) {
      if (!(json.getValue(key) instanceof Number)) {
        throw new IllegalArgumentException("needs a number '" + key + "'");
      }
    }
    return new Prices(json.getString("name", "prices"), json.getString("currency", "USD"), json.getDouble("vcpuHour"),
      json.getDouble("gbHour"), json.getDouble("hoursPerMonth"), json.getString("source", ""));
  }

  JsonObject toJson() {
    return new JsonObject().put("name", name).put("currency", currency).put("vcpuHour", vcpuHour).put("gbHour", gbHour)
      .put("hoursPerMonth", hoursPerMonth).put("source", source);
  }

  public double hourly(UnitSpec unit) {
    return unit.cpus() * vcpuHour + unit.memoryGb() * gbHour;
  }

  public double monthly(UnitSpec unit) {
    return hourly(unit) * hoursPerMonth;
  }

  /** Cost of one TPS for an hour: the unit's hourly price over the TPS it serves. */
  public double perTpsHour(UnitSpec unit, double tps) {
    return tps > 0 ? hourly(unit) / tps : Double.POSITIVE_INFINITY;
  }
}
