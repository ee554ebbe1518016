package io.github.imageloader.emulator;

import java.util.Locale;

/** Kinds of injected faults, as counted in {@code faultsInjected} of the stats. */
public enum FaultKind {
  ERROR,
  RESET,
  TRUNCATE,
  CORRUPT,
  THROTTLE,
  TAIL,
  STALL,
  DOWN;

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
