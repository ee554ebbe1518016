package io.github.imageloader.sizing;

import java.math.BigDecimal;

/** Numbers as the report prints them. */
final class Format {

  private Format() {
  }

  /** Shortest plain form: 1000, 0.1, 1.5 (no exponent, no trailing zeros). */
  static String number(double value) {
    if (Double.isInfinite(value) || Double.isNaN(value)) {
      return "–";
    }
    return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
  }

  static String fixed(double value, int decimals) {
    if (Double.isInfinite(value) || Double.isNaN(value)) {
      return "–";
    }
    return String.format("%." + decimals + "f", value);
  }

  static String money(double value) {
    if (Double.isInfinite(value) || Double.isNaN(value)) {
      return "–";
    }
    if (Math.abs(value) >= 1) {
      return String.format("$%.2f", value);
    }
    return String.format("$%.5f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
