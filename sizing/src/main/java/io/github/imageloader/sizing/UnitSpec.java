package io.github.imageloader.sizing;

import java.util.Locale;

/** One container unit: {@code docker run --cpus CPUS --memory MEMORY}. */
public record UnitSpec(double cpus, long memoryMb) {

  public static final UnitSpec DEFAULT = new UnitSpec(1.0, 1536);

  public UnitSpec {
    if (!(cpus > 0) || memoryMb < 64) {
      throw new IllegalArgumentException("a unit needs --cpus > 0 and --memory of at least 64m, got " + cpus + " / " + memoryMb + "m");
    }
  }

  /** Docker's forms: 1536m, 1.5g, 1536 (MB when no suffix). */
  public static long parseMemoryMb(String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (value.endsWith("g")) {
        return Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1024);
      }
      if (value.endsWith("m")) {
        return Math.round(Double.parseDouble(value.substring(0, value.length() - 1)));
      }
      return Math.round(Double.parseDouble(value));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("memory '" + text + "' is not a size like 1536m or 1.5g");
    }
  }

  public double memoryGb() {
    return memoryMb / 1024.0;
  }

  /** The cgroup and docker form of the memory limit. */
  public String memoryArg() {
    return memoryMb + "m";
  }

  public String describe() {
    return Format.number(cpus) + " vCPU / " + Format.number(Math.round(memoryGb() * 100) / 100.0) + " GB";
  }

  public String dockerFlags() {
    // swap equal to memory: no swap, as the study's units (docker's and podman's default would double the memory)
    return String.format(Locale.ROOT, "--cpus %s --memory %s --memory-swap %s", Format.number(cpus), memoryArg(), memoryArg());
  }
}
