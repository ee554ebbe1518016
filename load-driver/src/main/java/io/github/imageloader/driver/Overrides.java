package io.github.imageloader.driver;

/** The knobs the k6 scripts read from {@code __ENV}; {@code null} leaves the definition's value. */
record Overrides(Long durationMs, Integer vus, Double thinkMinS, Double thinkMaxS, Integer batchMin, Integer batchMax) {

  static Overrides none() {
    return new Overrides(null, null, null, null, null, null);
  }
}
