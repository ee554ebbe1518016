package io.github.imageloader.sizing;

import java.util.ArrayList;
import java.util.List;

/**
 * The largest VU count that meets the SLO, read from the measured levels (not from a model): walking up
 * the levels, the first one that breaks a limit ends the search, and for every limit it breaks the
 * crossing is interpolated linearly between it and the level below; the capacity is the lowest crossing.
 * A level that passes again above a failing one does not count (the unit was already out of its SLO).
 */
public final class SloCapacity {

  /** How the figure relates to the measured range. */
  public enum Bound {
    /** interpolated between two measured levels */
    INTERPOLATED,
    /** every level passed: the unit holds at least the largest one measured */
    AT_LEAST,
    /** the smallest level already failed: the capacity is below it */
    BELOW
  }

  /** {@code vus} is fractional when interpolated; {@code limitedBy} names the limit that set it. */
  public record Result(double vus, Bound bound, String limitedBy, int lastPassingVus, int firstFailingVus) {

    public String describe() {
      return switch (bound) {
        case INTERPOLATED -> String.format("%.1f VUs (limited by %s; interpolated between %d VUs, which met the SLO, and %d VUs, which did not)",
          vus, limitedBy, lastPassingVus, firstFailingVus);
        case AT_LEAST -> String.format("at least %d VUs (every measured level met the SLO; measure higher steps)", lastPassingVus);
        case BELOW -> String.format("below %d VUs (the smallest level already broke %s; measure lower steps)", firstFailingVus, limitedBy);
      };
    }
  }

  private SloCapacity() {
  }

  /** {@code cpus} is what the measured deployment may use in total (units × --cpus). */
  public static Result of(List<LevelResult> levels, Slo slo, double cpus) {
    if (levels.isEmpty()) {
      throw new IllegalArgumentException("no measured levels");
    }
    double cpuLimit = slo.maxCpuPercent() * cpus;
    LevelResult previous = null;
    for (LevelResult level : levels) {
      List<String> broken = broken(level, slo, cpuLimit);
      if (!broken.isEmpty()) {
        if (previous == null) {
          return new Result(0, Bound.BELOW, String.join(", ", broken), 0, level.vus());
        }
        double best = Double.MAX_VALUE;
        String by = null;
        for (String limit : broken) {
          double crossing = switch (limit) {
            case "p95" -> crossing(previous.vus(), previous.p95Ms(), level.vus(), level.p95Ms(), slo.p95Ms());
            case "errors" -> crossing(previous.vus(), previous.errorRate(), level.vus(), level.errorRate(), slo.maxErrorRate());
            default -> crossing(previous.vus(), previous.cpuPercent(), level.vus(), level.cpuPercent(), cpuLimit);
          };
          if (crossing < best) {
            best = crossing;
            by = limit;
          }
        }
        return new Result(best, Bound.INTERPOLATED, by, previous.vus(), level.vus());
      }
      previous = level;
    }
    return new Result(previous.vus(), Bound.AT_LEAST, "none", previous.vus(), 0);
  }

  static List<String> broken(LevelResult level, Slo slo, double cpuLimit) {
    List<String> broken = new ArrayList<>();
    if (level.p95Ms() > slo.p95Ms()) {
      broken.add("p95");
    }
    if (level.errorRate() > slo.maxErrorRate()) {
      broken.add("errors");
    }
    if (level.cpuPercent() > cpuLimit) {
      broken.add("CPU");
    }
    return broken;
  }

  /** Where the line through (x0, y0) and (x1, y1) reaches {@code limit}; y0 ≤ limit < y1. */
  private static double crossing(double x0, double y0, double x1, double y1, double limit) {
    if (y1 <= y0) {
      return x0;
    }
    return x0 + (limit - y0) * (x1 - x0) / (y1 - y0);
  }
}
