package io.github.imageloader.sizing;

import java.util.Map;
import java.util.TreeMap;

/** Reads the few series the sizing needs out of a Prometheus text exposition ({@code /metrics}). */
final class PrometheusText {

  private final String text;

  PrometheusText(String text) {
    this.text = text;
  }

  /** Sum of every series of {@code name} whose labels contain {@code labelFilter} (empty: all of them). */
  double sum(String name, String labelFilter) {
    double total = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || !line.startsWith(name)) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      String series = line.substring(0, space);
      String metric = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
      if (metric.equals(name) && series.contains(labelFilter)) {
        total += Double.parseDouble(line.substring(space + 1));
      }
    }
    return total;
  }

  /** A histogram's cumulative bucket counts by upper bound, summed over its other labels. */
  TreeMap<Double, Double> buckets(String name) {
    TreeMap<Double, Double> buckets = new TreeMap<>();
    String prefix = name + "_bucket{";
    for (String line : text.split("\n")) {
      if (!line.startsWith(prefix)) {
        continue;
      }
      int le = line.indexOf("le=\"");
      String bound = line.substring(le + 4, line.indexOf('"', le + 4));
      double upper = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
      buckets.merge(upper, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
    }
    return buckets;
  }

  /**
   * The upper bound of the bucket holding the {@code quantile} of what was recorded between two scrapes
   * of the same histogram (NaN when nothing was); bucket resolution, good enough for a progress line.
   */
  static double quantileBetween(Map<Double, Double> before, TreeMap<Double, Double> after, double quantile) {
    double total = after.lastEntry() == null ? 0 : after.lastEntry().getValue() - before.getOrDefault(after.lastKey(), 0.0);
    if (total <= 0) {
      return Double.NaN;
    }
    for (Map.Entry<Double, Double> bucket : after.entrySet()) {
      if (bucket.getValue() - before.getOrDefault(bucket.getKey(), 0.0) >= quantile * total) {
        return bucket.getKey();
      }
    }
    return Double.NaN;
  }
}
