package io.github.imageloader.app;

import io.vertx.ext.web.client.WebClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A node as its own JVM, started from the test's class path in the repository root, its output in a log file. */
final class NodeProcess {

  static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  final String name;
  final int httpPort;
  final Path log;
  private final Process process;

  private NodeProcess(String name, int httpPort, Path log, Process process) {
    this.name = name;
    this.httpPort = httpPort;
    this.log = log;
    this.process = process;
  }

  static NodeProcess start(String name, Path logDir, Map<String, String> env) throws IOException {
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
      "-Xmx256m", "-XX:+UseSerialGC"));
    command.addAll(List.of("--add-modules=java.se", "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
      "--add-opens=java.management/sun.management=ALL-UNNAMED",
      "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED",
      "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    Path log = logDir.resolve(name + ".log");
    Files.createDirectories(logDir);
    ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile())
      .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    builder.environment().put("HTTP_PORT", Integer.toString(port));
    builder.environment().put("HTTP_HOST", "127.0.0.1");
    return new NodeProcess(name, port, log, builder.start());
  }

  /** SIGKILL: no shutdown hook, no goodbye to the cluster. */
  void kill() {
    process.destroyForcibly();
  }

  /** SIGTERM: the node drains and leaves on its own; returns its exit code, or -1 if it is still running after {@code seconds}. */
  int terminate(long seconds) throws InterruptedException {
    process.destroy();
    return process.waitFor(seconds, java.util.concurrent.TimeUnit.SECONDS) ? process.exitValue() : -1;
  }

  boolean alive() {
    return process.isAlive();
  }

  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  /** Polls {@code /ready} until it answers 200; fails with the node's log when it exits or takes longer than {@code timeout}. */
  void awaitReady(WebClient client, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!alive()) {
        throw new AssertionError(name + " exited; log: " + Files.readString(log));
      }
      try {
        if (client.get(httpPort, "127.0.0.1", "/ready").send().await().statusCode() == 200) {
          return;
        }
      } catch (Exception notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError(name + " not ready in " + timeout + "; log: " + Files.readString(log));
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
