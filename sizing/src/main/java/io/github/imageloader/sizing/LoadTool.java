package io.github.imageloader.sizing;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs the generated steps scenario with k6 ({@code k6/steps.js}, when k6 is on the PATH and the run has a
 * single unit) or with the project's Java load driver ({@code load-driver/target/load-driver.jar}), and reads
 * back the result file both write ({@code k6/result.schema.json}). k6 opens {@code ./scenarios.json} next to
 * its script, so the k6 kit is copied next to the generated definitions.
 */
final class LoadTool {

  static final String DRIVER_JAR = "load-driver/target/load-driver.jar";

  private final String name;
  private final Path repo;

  private LoadTool(String name, Path repo) {
    this.name = name;
    this.repo = repo;
  }

  /** {@code choice}: auto, k6 or driver. Several base URLs (several units) need the driver. */
  static LoadTool choose(String choice, Path repo, int baseUrls) {
    boolean k6OnPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
      .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "k6")));
    return switch (choice) {
      case "k6" -> {
        if (!k6OnPath) {
          throw new IllegalArgumentException("--load-tool k6: k6 is not on the PATH");
        }
        if (baseUrls > 1) {
          throw new IllegalArgumentException("--load-tool k6 drives one unit; several units need the Java driver (--load-tool driver)");
        }
        yield new LoadTool("k6", repo);
      }
      case "driver" -> new LoadTool("java-driver", repo);
      case "auto" -> new LoadTool(k6OnPath && baseUrls == 1 ? "k6" : "java-driver", repo);
      default -> throw new IllegalArgumentException("--load-tool must be auto, k6 or driver, not " + choice);
    };
  }

  String name() {
    return name;
  }

  /** Starts the run; the process writes {@code resultFile} when it ends, its console to {@code log}. */
  Process start(JsonObject scenarios, List<String> baseUrls, Path workDir, Path resultFile, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    if (name.equals("k6")) {
      Path kit = workDir.resolve("k6");
      copyKit(kit);
      Files.writeString(kit.resolve("scenarios.json"), scenarios.encodePrettily());
      command.addAll(List.of("k6", "run", "--quiet", kit.resolve("steps.js").toString()));
      builder.environment().put("BASE_URL", baseUrls.get(0));
      builder.environment().put("RESULT_FILE", resultFile.toAbsolutePath().toString());
    } else {
      if (!Files.exists(repo.resolve(DRIVER_JAR))) {
        throw new IOException("no " + DRIVER_JAR + "; build it: mvn -B -pl load-driver -am -DskipTests package");
      }
      Path file = workDir.resolve("scenarios.json");
      Files.writeString(file, scenarios.encodePrettily());
      command.addAll(List.of("java", "-jar", DRIVER_JAR, "--scenario", "steps", "--scenarios", file.toAbsolutePath().toString(),
        "--base-url", String.join(",", baseUrls), "--out", resultFile.toAbsolutePath().toString()));
    }
    // the knobs the tools also read from the environment must not leak in from the caller's shell
    for (String knob : List.of("DURATION", "VUS", "THINK_MIN", "THINK_MAX", "BATCH_MIN", "BATCH_MAX")) {
      builder.environment().remove(knob);
    }
    return builder.start();
  }

  private void copyKit(Path kit) throws IOException {
    Path source = repo.resolve("k6");
    for (String dir : List.of("lib", "workloads")) {
      try (Stream<Path> files = Files.walk(source.resolve(dir))) {
        for (Path file : files.toList()) {
          Path target = kit.resolve(source.relativize(file).toString());
          if (Files.isDirectory(file)) {
            Files.createDirectories(target);
          } else {
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    }
    Files.copy(source.resolve("steps.js"), kit.resolve("steps.js"), StandardCopyOption.REPLACE_EXISTING);
  }
}
