package io.github.imageloader.sizing;

/**
 * The answer: run units of {@code unit}, each given {@code vusPerUnit} VUs — the measured SLO capacity of
 * one unit less {@code headroom} (room for spikes, noisy neighbours and a unit lost) — and
 * {@code units} of them for {@code targetVus}, at {@code monthlyCost}. {@code tpsPerUnit} is the USL
 * throughput at {@code vusPerUnit}, which prices a TPS.
 */
public record Recommendation(UnitSpec unit, double capacityPerUnit, double headroom, int vusPerUnit, int targetVus,
                             int units, double unitHourly, double unitMonthly, double monthlyCost, double tpsPerUnit,
                             double costPerTpsHour) {

  public static Recommendation of(UnitSpec unit, double capacityPerUnit, double headroom, int targetVus, Prices prices,
                                  UslFit usl, int measuredUnits) {
    int vusPerUnit = (int) Math.floor(capacityPerUnit * (1 - headroom));
    int units = vusPerUnit < 1 ? 0 : (int) Math.ceil((double) targetVus / vusPerUnit);
    // the USL was fitted to the measured deployment (measuredUnits units); one unit serves its share
    double tps = usl == null || vusPerUnit < 1 ? Double.NaN : usl.throughputAt((double) vusPerUnit * measuredUnits) / measuredUnits;
    double hourly = prices.hourly(unit);
    return new Recommendation(unit, capacityPerUnit, headroom, vusPerUnit, targetVus, units, hourly, prices.monthly(unit),
      units * prices.monthly(unit), tps, Double.isNaN(tps) ? Double.NaN : prices.perTpsHour(unit, tps));
  }

  /** Units of this recommendation for {@code vus} VUs; 0 when a unit holds no VU at the SLO. */
  public int unitsFor(int vus) {
    return vusPerUnit < 1 ? 0 : (int) Math.ceil((double) vus / vusPerUnit);
  }
}
