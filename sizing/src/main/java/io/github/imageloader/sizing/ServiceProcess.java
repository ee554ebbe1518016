package io.github.imageloader.sizing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM of the service ({@code app/target/image-batch-loader.jar}) started from the repository root with a
 * configuration in its environment: the GCS emulator ({@code ROLES=emulator}, unconfined, as GCS is outside
 * the container), or a unit — an {@code api,loader} node confined to the unit spec by
 * {@code scripts/lib/cgroup.sh} before the JVM starts (the shell enters the cgroup, then execs java, so the
 * JVM and every thread it makes are inside from the first instruction and size themselves from the limits), or
 * a unit run as a podman container of the service's image ({@link PodmanContainer}).
 */
final class ServiceProcess implements AutoCloseable {

  static final String JAR = "app/target/image-batch-loader.jar";
  /** The JVM settings the project ships (scripts/run, the image and the manifests read the same file). */
  static final String JVM_OPTIONS = "@conf/jvm.options";
  private static final List<String> JVM = List.of("java", JVM_OPTIONS, "-jar", JAR);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Process process;
  private final Path log;
  private final Confinement confinement;

  private ServiceProcess(String name, Process process, Path log, Confinement confinement) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.confinement = confinement;
  }

  static ServiceProcess emulator(Path repo, Path logDir, int port, int latencyMs, int jitterMs) throws IOException {
    return emulator(repo, logDir, port, latencyMs, jitterMs, Map.of());
  }

  /** @param storageEnv more emulator settings: its read tail ({@code EMULATOR_TAIL_RATE} …) */
  static ServiceProcess emulator(Path repo, Path logDir, int port, int latencyMs, int jitterMs,
                                 Map<String, String> storageEnv) throws IOException {
    Map<String, String> env = new java.util.LinkedHashMap<>(Map.of("ROLES", "emulator", "CLUSTERED", "false", "HTTP_PORT", "0",
      "EMULATOR_HOST", "127.0.0.1", "EMULATOR_PORT", Integer.toString(port),
      "EMULATOR_LATENCY_MS", Integer.toString(latencyMs), "EMULATOR_JITTER_MS", Integer.toString(jitterMs)));
    env.putAll(storageEnv);
    // The emulator stands in for GCS, not for the service: its own bounded heap, not the service's settings.
    return start("emulator", repo, logDir, List.of("java", "-Xmx512m", "-jar", JAR), env, null);
  }

  /** A unit in cgroup {@code imageloader/<cgroupName>}; {@code cgroupVersion} as {@link Cgroup#detectVersion}. */
  static ServiceProcess unit(Path repo, Path logDir, String cgroupName, String cgroupVersion, UnitSpec spec, int httpPort,
                             int emulatorPort) throws IOException {
    return unit(repo, logDir, cgroupName, cgroupVersion, spec, httpPort, emulatorPort, Map.of());
  }

  /** @param storageEnv settings replacing how the unit reaches storage (over HTTPS: {@link StorageTlsFiles#nodeEnv}) */
  static ServiceProcess unit(Path repo, Path logDir, String cgroupName, String cgroupVersion, UnitSpec spec, int httpPort,
                             int emulatorPort, Map<String, String> storageEnv) throws IOException {
    List<String> command = new ArrayList<>(List.of("bash", "-c",
      "source scripts/lib/cgroup.sh && cgroup_enter \"$0\" \"$1\" \"$2\" && exec \"${@:3}\"",
      cgroupName, Format.number(spec.cpus()), spec.memoryArg()));
    command.addAll(JVM);
    Map<String, String> env = new java.util.HashMap<>(unitEnv(httpPort, emulatorPort));
    env.putAll(storageEnv);
    return start(cgroupName, repo, logDir, command, env, new Cgroup(cgroupVersion, cgroupName));
  }

  /** A unit as a podman container of {@code image}, named {@code containerName}, on the host's network. */
  static ServiceProcess container(Path repo, Path logDir, String containerName, String image, String engineVersion, UnitSpec spec,
                                  int httpPort, int emulatorPort) throws IOException {
    List<String> command = PodmanContainer.runCommand(containerName, image, spec, unitEnv(httpPort, emulatorPort));
    return start(containerName, repo, logDir, command, Map.of(), new PodmanContainer(containerName, engineVersion));
  }

  private static Map<String, String> unitEnv(int httpPort, int emulatorPort) {
    return Map.of("MODE", "prod", "ROLES", "api,loader", "CLUSTERED", "false",
      "HTTP_HOST", "127.0.0.1", "HTTP_PORT", Integer.toString(httpPort),
      "STORAGE_EMULATOR_HOST", "127.0.0.1:" + emulatorPort, "METRICS_ENABLED", "true");
  }

  /**
   * An unconfined {@code api,loader} node of {@code jar} against the emulator, as {@code scripts/run} starts one
   * (its JVM options unless {@code javaOptions} replaces them), with {@code env} added to its configuration.
   */
  static ServiceProcess node(Path repo, Path logDir, String name, Path jar, List<String> javaOptions,
                             Map<String, String> env, int httpPort, int emulatorPort) throws IOException {
    List<String> command = new ArrayList<>(List.of("java"));
    command.addAll(javaOptions == null ? List.of(JVM_OPTIONS) : javaOptions);
    command.addAll(List.of("-jar", jar.toString()));
    Map<String, String> all = new java.util.HashMap<>(Map.of("MODE", "prod", "ROLES", "api,loader", "CLUSTERED", "false",
      "HTTP_HOST", "127.0.0.1", "HTTP_PORT", Integer.toString(httpPort),
      "STORAGE_EMULATOR_HOST", "127.0.0.1:" + emulatorPort, "METRICS_ENABLED", "true"));
    all.putAll(env);
    return start(name, repo, logDir, command, all, null);
  }

  long pid() {
    return process.pid();
  }

  private static ServiceProcess start(String name, Path repo, Path logDir, List<String> command, Map<String, String> env,
                                      Confinement confinement) throws IOException {
    Path log = logDir.resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true)
      .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return new ServiceProcess(name, builder.start(), log, confinement);
  }

  /** Waits until {@code url} answers 200, or fails when the process exits or {@code timeoutS} pass. */
  void awaitReady(String url, int timeoutS) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutS);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(name + " exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new IOException(name + " not ready at " + url + " after " + timeoutS + " s; see " + log);
  }

  Confinement confinement() {
    return confinement;
  }

  String name() {
    return name;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** SIGTERM, then SIGKILL after 10 s; then the cgroup or container goes. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    if (confinement != null) {
      confinement.remove();
    }
  }
}
