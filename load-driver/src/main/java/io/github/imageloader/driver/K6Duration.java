package io.github.imageloader.driver;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations written the way k6 writes them: {@code 10m}, {@code 30s}, {@code 1h30m}, {@code 500ms}. */
final class K6Duration {

  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

  private K6Duration() {
  }

  static long parseMs(String text) {
    String trimmed = text.trim();
    Matcher matcher = PART.matcher(trimmed);
    long total = 0;
    int end = 0;
    while (matcher.find()) {
      if (matcher.start() != end) {
        break;
      }
      double value = Double.parseDouble(matcher.group(1));
      total += (long) (value * switch (matcher.group(2)) {
        case "h" -> 3_600_000;
        case "m" -> 60_000;
        case "s" -> 1_000;
        default -> 1;
      });
      end = matcher.end();
    }
    if (end == 0 || end != trimmed.length()) {
      throw new IllegalArgumentException("not a k6 duration: '" + text + "' (e.g. 30s, 10m, 1h30m, 500ms)");
    }
    return total;
  }
}
