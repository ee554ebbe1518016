package io.github.imageloader.sizing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The emulator's read tail for a benchmark: a share of reads whose first byte is late by {@code tailMs}, and a
 * share that stop for {@code stallMs} halfway through the body (README "Tail latency").
 */
record StorageTail(double tailRate, int tailMs, double stallRate, int stallMs) {

  static final StorageTail NONE = new StorageTail(0, 0, 0, 0);

  /** {@code RATE:MS}, e.g. {@code 0.02:1000}; {@code null} for none. */
  static double[] parse(String option, String value) {
    if (value == null) {
      return new double[] {0, 0};
    }
    String[] parts = value.split(":");
    try {
      double rate = Double.parseDouble(parts[0]);
      int ms = Integer.parseInt(parts[1]);
      if (parts.length != 2 || rate < 0 || rate > 1 || ms < 0) {
        throw new NumberFormatException();
      }
      return new double[] {rate, ms};
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("--" + option + " takes RATE:MS with RATE from 0 to 1, e.g. 0.02:1000; not " + value);
    }
  }

  Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("EMULATOR_TAIL_RATE", Double.toString(tailRate));
    env.put("EMULATOR_TAIL_MS", Integer.toString(tailMs));
    env.put("EMULATOR_STALL_RATE", Double.toString(stallRate));
    env.put("EMULATOR_STALL_MS", Integer.toString(stallMs));
    return env;
  }

  String describe() {
    if (equals(NONE)) {
      return "no tail";
    }
    StringBuilder text = new StringBuilder();
    if (tailRate > 0) {
      text.append(String.format("%.1f %% of reads +%d ms to first byte", tailRate * 100, tailMs));
    }
    if (stallRate > 0) {
      text.append(text.length() > 0 ? ", " : "").append(String.format("%.1f %% of reads stalled %d ms mid-body", stallRate * 100, stallMs));
    }
    return text.toString();
  }
}
