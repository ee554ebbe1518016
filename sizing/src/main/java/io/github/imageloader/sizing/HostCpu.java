package io.github.imageloader.sizing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The whole machine's CPU use from {@code /proc/stat}: busy ticks over elapsed ticks, 100 % = one CPU. */
final class HostCpu {

  private static final Path STAT = Path.of("/proc/stat");

  private HostCpu() {
  }

  /** {busy, total} jiffies over all CPUs, and the CPU count; zeros where /proc/stat is unreadable. */
  static long[] ticks() {
    try {
      long busy = 0;
      long total = 0;
      long cpus = 0;
      for (String line : Files.readAllLines(STAT)) {
        if (line.startsWith("cpu ")) {
          String[] f = line.trim().split("\\s+");
          for (int i = 1; i < f.length && i <= 8; i++) {
            long v = Long.parseLong(f[i]);
            total += v;
            if (i != 4 && i != 5) {
              busy += v; // all but idle and iowait
            }
          }
        } else if (line.startsWith("cpu")) {
          cpus++;
        }
      }
      return new long[] {busy, total, cpus};
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 0, 0};
    }
  }

  static double percent(long[] before, long[] after) {
    if (before == null || after[1] <= before[1]) {
      return Double.NaN;
    }
    return 100.0 * after[2] * (after[0] - before[0]) / (after[1] - before[1]);
  }
}
