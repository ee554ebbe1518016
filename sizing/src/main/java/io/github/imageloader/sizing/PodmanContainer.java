package io.github.imageloader.sizing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A unit run as a podman container of the service's image, sampled with {@code podman stats}, the study's own
 * method (docker stats). Not its CPU %, which podman averages over the container's whole life: the container's
 * CPU time, so the sampler takes differences between seconds exactly as it does for a cgroup.
 */
final class PodmanContainer implements Confinement {

  /**
   * Raw fields of podman's stats record: CPU time in ns, and memory in bytes as podman counts it (4.3 on cgroup v1:
   * the cgroup's whole usage, page cache included, where docker stats leaves the inactive file cache out; a unit
   * writes almost no files, so the two differ little).
   */
  static final String STATS_FORMAT = "{{.ContainerStats.CPUNano}} {{.ContainerStats.MemUsage}}";
  private static final long COMMAND_TIMEOUT_S = 10;

  private final String name;
  private final String engineVersion;
  private volatile long memoryBytes;

  PodmanContainer(String name, String engineVersion) {
    this.name = name;
    this.engineVersion = engineVersion;
  }

  /**
   * {@code podman run} for a unit: attached (its output is the unit's log, and SIGTERM to the client reaches the
   * JVM through podman's signal proxy), on the host's network like the cgroup units (so the two modes differ only
   * in the confinement), with {@code --memory-swap} equal to {@code --memory}: podman's default would add as much
   * swap again, and a unit of the study has none.
   */
  static List<String> runCommand(String name, String image, UnitSpec spec, Map<String, String> env) {
    List<String> command = new ArrayList<>(List.of("podman", "run", "--rm", "--name", name, "--network", "host",
      "--cpus", Format.number(spec.cpus()), "--memory", spec.memoryArg(), "--memory-swap", spec.memoryArg()));
    new TreeMap<>(env).forEach((key, value) -> command.addAll(List.of("--env", key + "=" + value)));
    command.add(image);
    return command;
  }

  /** "podman version 4.3.1" → "4.3.1". */
  static String engineVersion() throws IOException {
    String out = run(List.of("podman", "--version")).trim();
    return out.substring(out.lastIndexOf(' ') + 1);
  }

  static boolean imageExists(String image) {
    try {
      Process process = new ProcessBuilder("podman", "image", "exists", image).redirectErrorStream(true).start();
      return process.waitFor(COMMAND_TIMEOUT_S, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** One {@code podman stats} reading; the memory of the same reading is what {@link #memoryBytes()} answers next. */
  @Override
  public long cpuUsageMicros() throws IOException {
    long[] stats = parse(run(List.of("podman", "stats", "--no-stream", "--no-reset", "--format", STATS_FORMAT, name)));
    memoryBytes = stats[1];
    return stats[0] / 1000;
  }

  @Override
  public long memoryBytes() {
    return memoryBytes;
  }

  /** podman stats does not report CFS throttling. */
  @Override
  public long[] throttling() {
    return null;
  }

  /** CPU ns and memory bytes from a {@link #STATS_FORMAT} line. */
  static long[] parse(String line) throws IOException {
    String[] parts = line.trim().split("\\s+");
    try {
      if (parts.length != 2) {
        throw new NumberFormatException();
      }
      return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
    } catch (NumberFormatException e) {
      throw new IOException("podman stats answered '" + line.trim() + "', not CPU ns and memory bytes");
    }
  }

  /** Stops and removes the container if it is still there (the unit's {@code --rm} usually did it). */
  @Override
  public void remove() {
    try {
      run(List.of("podman", "rm", "--force", "--time", "10", "--ignore", name));
    } catch (IOException e) {
      // nothing left to remove, or podman is gone: either way there is nothing more to do
    }
  }

  @Override
  public String describe() {
    return "podman " + engineVersion + " containers (podman stats)";
  }

  private static String run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!process.waitFor(COMMAND_TIMEOUT_S + 5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not answer in " + (COMMAND_TIMEOUT_S + 5) + " s");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + String.join(" ", command));
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out.trim());
    }
    return out;
  }
}
