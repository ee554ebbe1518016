package io.github.imageloader.sizing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * The same ladder measured with k6 and with the Java driver ({@code --compare-tools}), side by side: per VU level the
 * p95 and TPS of each and the driver's difference from k6, and the two SLO capacities. The tools agree when p95 and
 * TPS are within {@link #STEP_TOLERANCE} at every level that met the SLO in either run, and the capacities within
 * {@link #CAPACITY_TOLERANCE}.
 */
record ToolComparison(SizingAnalysis k6, SizingAnalysis driver, List<Row> rows) {

  static final double STEP_TOLERANCE = 0.15;
  static final double CAPACITY_TOLERANCE = 0.10;

  /** One VU level; {@code met}: the SLO held in at least one of the two runs, so the level is judged. */
  record Row(int vus, double k6P95Ms, double driverP95Ms, double k6Tps, double driverTps, boolean k6Met, boolean driverMet) {

    boolean judged() {
      return k6Met || driverMet;
    }

    boolean agrees() {
      return !judged() || (within(driverP95Ms, k6P95Ms, STEP_TOLERANCE) && within(driverTps, k6Tps, STEP_TOLERANCE));
    }
  }

  static ToolComparison of(SizingAnalysis k6, SizingAnalysis driver) {
    List<Row> rows = new ArrayList<>();
    for (LevelResult a : k6.levels()) {
      for (LevelResult b : driver.levels()) {
        if (a.vus() == b.vus()) {
          rows.add(new Row(a.vus(), a.p95Ms(), b.p95Ms(), a.tps(), b.tps(), met(k6, a), met(driver, b)));
        }
      }
    }
    return new ToolComparison(k6, driver, List.copyOf(rows));
  }

  private static boolean met(SizingAnalysis analysis, LevelResult level) {
    SizingPlan plan = analysis.run().plan();
    return SloCapacity.broken(level, plan.slo(), plan.slo().maxCpuPercent() * plan.unit().cpus() * plan.units()).isEmpty();
  }

  /** The driver's figure relative to k6's, minus 1 (+0.1 = 10 % above k6). */
  static double difference(double driver, double k6) {
    return driver / k6 - 1;
  }

  static boolean within(double driver, double k6, double tolerance) {
    return Math.abs(difference(driver, k6)) <= tolerance;
  }

  boolean capacitiesAgree() {
    return k6.capacity().bound() == driver.capacity().bound()
      && (k6.capacity().bound() != SloCapacity.Bound.INTERPOLATED || within(driver.capacity().vus(), k6.capacity().vus(), CAPACITY_TOLERANCE))
      && (k6.capacity().bound() == SloCapacity.Bound.INTERPOLATED || k6.capacity().vus() == driver.capacity().vus());
  }

  boolean agrees() {
    return capacitiesAgree() && rows.stream().allMatch(Row::agrees);
  }

  String markdown() {
    StringBuilder md = new StringBuilder("# Load tools compared: k6 and the Java driver on the same ladder\n\n");
    md.append("k6: `").append(k6.run().command()).append("` (").append(k6.run().startedAt()).append("); driver: ")
      .append(driver.run().startedAt()).append(". Each run had a fresh unit and its own checked warm-up; reports in `k6/` and `driver/`.\n\n");
    for (SizingAnalysis analysis : List.of(k6, driver)) {
      if (analysis.run().warmup() != null) {
        md.append("- Warm-up, ").append(analysis.run().loadTool()).append(": ").append(analysis.run().warmup().describe()).append(".\n");
      }
    }
    md.append("\n| VUs | k6 p95 ms | driver p95 ms | Δ p95 | k6 TPS | driver TPS | Δ TPS | SLO (k6 / driver) | within ±")
      .append(Math.round(STEP_TOLERANCE * 100)).append(" % |\n|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
    for (Row row : rows) {
      md.append(String.format("| %d | %s | %s | %+.1f %% | %s | %s | %+.1f %% | %s / %s | %s |%n", row.vus(), Format.fixed(row.k6P95Ms(), 0),
        Format.fixed(row.driverP95Ms(), 0), difference(row.driverP95Ms(), row.k6P95Ms()) * 100, Format.fixed(row.k6Tps(), 2),
        Format.fixed(row.driverTps(), 2), difference(row.driverTps(), row.k6Tps()) * 100, row.k6Met() ? "met" : "broken",
        row.driverMet() ? "met" : "broken", !row.judged() ? "not judged (SLO broken in both)" : row.agrees() ? "yes" : "**no**"));
    }
    md.append(String.format("%nCapacity: k6 %s; driver %s; difference %+.1f %% — %s (±%d %% allowed).%n", k6.capacity().describe(),
      driver.capacity().describe(), difference(driver.capacity().vus(), k6.capacity().vus()) * 100,
      capacitiesAgree() ? "**within**" : "**not within**", Math.round(CAPACITY_TOLERANCE * 100)));
    md.append("\nVerdict: the two tools ").append(agrees() ? "**agree**" : "**disagree**").append(".\n");
    return md.toString();
  }

  JsonObject toJson() {
    JsonArray rowJson = new JsonArray();
    for (Row row : rows) {
      rowJson.add(new JsonObject().put("vus", row.vus()).put("k6P95Ms", JsonNumbers.write(row.k6P95Ms()))
        .put("driverP95Ms", JsonNumbers.write(row.driverP95Ms())).put("k6Tps", JsonNumbers.write(row.k6Tps()))
        .put("driverTps", JsonNumbers.write(row.driverTps())).put("k6Met", row.k6Met()).put("driverMet", row.driverMet())
        .put("agrees", row.agrees()));
    }
    return new JsonObject().put("k6CapacityVus", JsonNumbers.write(k6.capacity().vus())).put("k6Capacity", k6.capacity().describe())
      .put("driverCapacityVus", JsonNumbers.write(driver.capacity().vus())).put("driverCapacity", driver.capacity().describe())
      .put("capacitiesAgree", capacitiesAgree()).put("steps", rowJson).put("agrees", agrees());
  }
}
