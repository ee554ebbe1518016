package io.github.imageloader.sizing;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One reading of a JVM process from {@code /proc}: the CPU time of all its threads, of its garbage collector's
 * threads and of its JIT compilers', and its peak and current resident memory. Differences of two readings give
 * what a window of load cost. Linux only (the bench runs where the service runs).
 *
 * @param cpuTicks  user + system time of the whole process, in clock ticks
 * @param gcTicks   of threads named {@code GC Thread#n}, {@code G1 …}, {@code VM Thread} (where the serial and
 *                  parallel collectors' pauses run) and {@code Parallel GC}/{@code ZGC}/{@code Shenandoah} workers
 * @param jitTicks  of threads named {@code C1 CompilerThread}/{@code C2 CompilerThread}
 * @param peakRssKb {@code VmHWM}: the most memory the process ever had resident
 * @param rssKb     {@code VmRSS} now
 */
record ProcessCpu(long cpuTicks, long gcTicks, long jitTicks, long peakRssKb, long rssKb) {

  /** Linux's USER_HZ: /proc reports CPU time in hundredths of a second on every architecture the JDK runs on. */
  static final int TICKS_PER_SECOND = 100;

  static ProcessCpu read(long pid) throws IOException {
    Path proc = Path.of("/proc", Long.toString(pid));
    long total = ticks(Files.readString(proc.resolve("stat")));
    long gc = 0;
    long jit = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"))) {
      for (Path task : tasks) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (NoSuchFileException gone) {
          continue;
        }
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        if (isGc(name)) {
          gc += ticks(stat);
        } else if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
          jit += ticks(stat);
        }
      }
    }
    String status = Files.readString(proc.resolve("status"));
    return new ProcessCpu(total, gc, jit, kb(status, "VmHWM:"), kb(status, "VmRSS:"));
  }

  static boolean isGc(String threadName) {
    return threadName.startsWith("GC Thread") || threadName.startsWith("G1 ") || threadName.equals("VM Thread")
      || threadName.startsWith("Parallel GC") || threadName.startsWith("ZGC") || threadName.startsWith("Shenandoah");
  }

  /** utime + stime, fields 14 and 15 of a stat line; counted after the command name, which may hold spaces. */
  private static long ticks(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  private static long kb(String status, String key) {
    for (String line : status.split("\n")) {
      if (line.startsWith(key)) {
        return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
      }
    }
    return 0;
  }

  ProcessCpu minus(ProcessCpu earlier) {
    return new ProcessCpu(cpuTicks - earlier.cpuTicks, gcTicks - earlier.gcTicks, jitTicks - earlier.jitTicks, peakRssKb, rssKb);
  }

  double cpuMs() {
    return cpuTicks * 1000.0 / TICKS_PER_SECOND;
  }
}
