package io.github.imageloader.driver;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates a k6 threshold expression ({@code p(95)<1000}, {@code rate<0.001}, {@code avg<=200}, …) on the
 * whole run, for the metrics the scenarios use: {@code http_req_duration}, {@code http_req_failed},
 * {@code http_reqs}.
 */
final class ThresholdCheck {

  private static final Pattern EXPRESSION = Pattern.compile("\\s*(p\\((\\d+(?:\\.\\d+)?)\\)|avg|min|max|med|rate|count)\\s*(<=|>=|==|!=|<|>)\\s*(-?\\d+(?:\\.\\d+)?)\\s*");

  private ThresholdCheck() {
  }

  static boolean passes(String metric, String expression, StepStats stats, double seconds) {
    Matcher matcher = EXPRESSION.matcher(expression);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("unsupported threshold expression '" + expression + "' on " + metric);
    }
    double actual = value(metric, matcher.group(1), matcher.group(2), stats, seconds);
    double limit = Double.parseDouble(matcher.group(4));
    return switch (matcher.group(3)) {
      case "<" -> actual < limit;
      case "<=" -> actual <= limit;
      case ">" -> actual > limit;
      case ">=" -> actual >= limit;
      case "==" -> actual == limit;
      default -> actual != limit;
    };
  }

  private static double value(String metric, String aggregate, String percentile, StepStats stats, double seconds) {
    String base = metric.contains("{") ? metric.substring(0, metric.indexOf('{')) : metric;
    return switch (base) {
      case "http_req_duration" -> switch (aggregate) {
        case "avg" -> stats.avgMs();
        case "min" -> stats.minMs();
        case "max" -> stats.maxMs();
        case "med" -> stats.percentileMs(50);
        default -> {
          if (percentile == null) {
            throw new IllegalArgumentException(aggregate + " does not apply to a trend");
          }
          yield stats.percentileMs(Double.parseDouble(percentile));
        }
      };
      case "http_req_failed" -> {
        if (!aggregate.equals("rate")) {
          throw new IllegalArgumentException("http_req_failed takes rate, not " + aggregate);
        }
        yield stats.failureRate();
      }
      case "http_reqs" -> aggregate.equals("count") ? stats.requests() : stats.requests() / Math.max(seconds, 1e-9);
      default -> throw new IllegalArgumentException("the driver has no metric " + metric);
    };
  }
}
