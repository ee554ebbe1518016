package io.github.imageloader.sizing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The cgroup one unit runs in, {@code imageloader/<name>}, as {@code scripts/lib/cgroup.sh} creates it
 * (v1: the cpu, cpuacct and memory hierarchies; v2: the unified one). Reads what docker stats reports:
 * CPU time used so far, and memory usage less the inactive file cache.
 */
final class Cgroup implements Confinement {

  private static final Path ROOT = Path.of("/sys/fs/cgroup");

  private final String version;
  private final String name;

  Cgroup(String version, String name) {
    if (!version.equals("v1") && !version.equals("v2")) {
      throw new IllegalArgumentException("cgroup version must be v1 or v2, got " + version);
    }
    this.version = version;
    this.name = name;
  }

  /** {@code cgroup_version} of scripts/lib/cgroup.sh: v1, v2 or none. */
  static String detectVersion(Path repo) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("bash", "-c", "source scripts/lib/cgroup.sh && cgroup_version")
      .directory(repo.toFile()).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes()).trim();
    process.waitFor();
    return out.isEmpty() ? "none" : out;
  }

  @Override
  public long cpuUsageMicros() throws IOException {
    if (version.equals("v2")) {
      return statValue(ROOT.resolve("imageloader").resolve(name).resolve("cpu.stat"), "usage_usec");
    }
    Path inCpu = ROOT.resolve("cpu/imageloader").resolve(name).resolve("cpuacct.usage");
    Path usage = Files.exists(inCpu) ? inCpu : ROOT.resolve("cpuacct/imageloader").resolve(name).resolve("cpuacct.usage");
    return Long.parseLong(Files.readString(usage).trim()) / 1000;
  }

  @Override
  public long memoryBytes() throws IOException {
    if (version.equals("v2")) {
      Path dir = ROOT.resolve("imageloader").resolve(name);
      return Long.parseLong(Files.readString(dir.resolve("memory.current")).trim()) - statValue(dir.resolve("memory.stat"), "inactive_file");
    }
    Path dir = ROOT.resolve("memory/imageloader").resolve(name);
    return Long.parseLong(Files.readString(dir.resolve("memory.usage_in_bytes")).trim())
      - statValue(dir.resolve("memory.stat"), "total_inactive_file");
  }

  /** CFS periods so far and how many of them the group was throttled in (its quota ran out). */
  @Override
  public long[] throttling() throws IOException {
    Path stat = version.equals("v2") ? ROOT.resolve("imageloader").resolve(name).resolve("cpu.stat")
      : ROOT.resolve("cpu/imageloader").resolve(name).resolve("cpu.stat");
    return new long[] {statValue(stat, "nr_periods"), statValue(stat, "nr_throttled")};
  }

  /** Removes the group's directories once its processes are gone (best effort, as scripts/cluster stop). */
  @Override
  public void remove() {
    List<Path> dirs = version.equals("v2")
      ? List.of(ROOT.resolve("imageloader").resolve(name))
      : List.of(ROOT.resolve("cpu/imageloader").resolve(name), ROOT.resolve("cpuacct/imageloader").resolve(name),
        ROOT.resolve("memory/imageloader").resolve(name));
    for (Path dir : dirs) {
      try {
        Files.deleteIfExists(dir);
      } catch (IOException e) {
        // still busy or never created; nothing to undo
      }
    }
  }

  @Override
  public String describe() {
    return "cgroup " + version;
  }

  private static long statValue(Path file, String key) throws IOException {
    for (String line : Files.readAllLines(file)) {
      String[] parts = line.split(" ");
      if (parts.length == 2 && parts[0].equals(key)) {
        return Long.parseLong(parts[1]);
      }
    }
    return 0;
  }
}
