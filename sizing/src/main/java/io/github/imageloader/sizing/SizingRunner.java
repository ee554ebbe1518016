package io.github.imageloader.sizing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One measured run: the emulator outside the units (with GCS-like latency), {@code units} confined units
 * (cgroups the tool makes, or podman containers of the service's image: {@code engine} "cgroup" or "podman"),
 * the sampler, then the whole step schedule in one load-tool run; every measured stage becomes a
 * {@link StepMeasurement} with the samples of its window. Everything it started is stopped at the end.
 */
final class SizingRunner {

  private static final int READY_TIMEOUT_S = 180;
  private static final long PROGRESS_EVERY_MS = 5_000;
  /** A CPU sample covers the second before it, so a window's first sample is taken a second in. */
  private static final long SAMPLE_LAG_MS = 1_000;

  private final Path repo;
  private final Path workDir;
  private final PrintStream out;

  /** {@code workDir} receives the generated scenario, the load tool's result and every process's log. */
  SizingRunner(Path repo, Path workDir, PrintStream out) {
    this.repo = repo;
    this.workDir = workDir;
    this.out = out;
  }

  /** @param storageTls whether the units reach storage over HTTPS, as production reaches GCS */
  SizingRun run(SizingPlan plan, WarmupCheck warmupCheck, String loadToolChoice, String command, String engine, String image,
                boolean storageTls)
    throws IOException, InterruptedException {
    boolean podman = engine.equals("podman");
    for (String jar : List.of(ServiceProcess.JAR, LoadTool.DRIVER_JAR)) {
      if (!Files.exists(repo.resolve(jar))) {
        throw new IOException("no " + jar + "; build first: mvn -B -pl app,load-driver,sizing -am -DskipTests package");
      }
    }
    String cgroupVersion = podman ? "none" : Cgroup.detectVersion(repo);
    String engineVersion = podman ? PodmanContainer.engineVersion() : null;
    if (podman && !PodmanContainer.imageExists(image)) {
      throw new IOException("no image " + image + " in podman; build it first: deploy/image/build.sh");
    }
    if (!podman && cgroupVersion.equals("none")) {
      throw new IOException("cannot confine units here: cgroups need root and writable cpu and memory controllers "
        + "(on a real host run the unit as docker run " + plan.unit().dockerFlags() + " …)");
    }
    LoadTool tool = LoadTool.choose(loadToolChoice, repo, plan.units());
    Path logs = Files.createDirectories(workDir.resolve("logs"));
    StepSchedule schedule = new StepSchedule(plan);
    String startedAt = Instant.now().toString();
    List<ServiceProcess> started = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Process> loads = new java.util.concurrent.CopyOnWriteArrayList<>();
    // Ctrl-C or a kill ends the JVM without the finally below: stop what it started all the same
    Thread cleanup = new Thread(() -> stopAll(started, loads), "sizing-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try {
      int emulatorPort = ServiceProcess.freePort();
      int tlsPort = storageTls ? ServiceProcess.freePort() : 0;
      Path tlsDir = workDir.resolve("tls");
      ServiceProcess emulator = ServiceProcess.emulator(repo, logs, emulatorPort, plan.latencyMs(), plan.jitterMs(),
        storageTls ? StorageTlsFiles.emulatorEnv(tlsDir, tlsPort) : java.util.Map.of());
      started.add(emulator);
      emulator.awaitReady("http://127.0.0.1:" + emulatorPort + "/_emulator/stats", READY_TIMEOUT_S);
      out.printf("emulator on 127.0.0.1:%d%s, storage latency %d ± %d ms (outside the units)%n", emulatorPort,
        storageTls ? ", units reach it over HTTPS on " + tlsPort : "", plan.latencyMs(), plan.jitterMs());

      List<String> baseUrls = new ArrayList<>();
      List<ResourceSampler.Unit> sampled = new ArrayList<>();
      for (int i = 1; i <= plan.units(); i++) {
        int port = ServiceProcess.freePort();
        String name = "sizing-" + ProcessHandle.current().pid() + "-unit-" + i;
        ServiceProcess unit = podman
          ? ServiceProcess.container(repo, logs, name, image, engineVersion, plan.unit(), port, emulatorPort)
          : ServiceProcess.unit(repo, logs, name, cgroupVersion, plan.unit(), port, emulatorPort,
            storageTls ? StorageTlsFiles.nodeEnv(tlsDir, tlsPort) : java.util.Map.of());
        started.add(unit);
        unit.awaitReady("http://127.0.0.1:" + port + "/ready", READY_TIMEOUT_S);
        baseUrls.add("http://127.0.0.1:" + port);
        sampled.add(new ResourceSampler.Unit(unit.confinement(), "http://127.0.0.1:" + port + "/metrics"));
        out.printf("unit %d: http://127.0.0.1:%d, %s %s, %s (docker run %s)%n", i, port, unit.confinement().describe(),
          podman ? image + " as " + name : "imageloader/" + name, plan.unit().describe(), plan.unit().dockerFlags());
      }

      try (ResourceSampler sampler = new ResourceSampler(sampled)) {
        sampler.start();
        Warmup warmup = warmUp(plan, warmupCheck, tool, baseUrls, sampler, logs, loads);
        out.println("warm-up: " + warmup.describe());
        Path resultFile = workDir.resolve("load-result.json");
        Files.deleteIfExists(resultFile);
        out.printf("load: %s, %d measured steps (%s VUs × %d repeats), %d s warm-up + %d s measured each, about %s%n", tool.name(),
          schedule.measured().size(), plan.steps(), plan.repeats(), plan.warmupS(), plan.measureS(),
          ConsoleProgress.clock(schedule.totalMs()));
        Process load = tool.start(schedule.scenarios(plan), baseUrls, workDir, resultFile, logs.resolve("load.log"));
        loads.add(load);
        long launched = System.nanoTime();
        ConsoleProgress progress = new ConsoleProgress(out, schedule);
        long limitMs = schedule.totalMs() + 120_000;
        while (!load.waitFor(PROGRESS_EVERY_MS, TimeUnit.MILLISECONDS)) {
          long elapsed = (System.nanoTime() - launched) / 1_000_000;
          if (elapsed > limitMs) {
            load.destroyForcibly();
            throw new IOException("the load tool ran past its schedule by 2 minutes; stopped. See " + logs.resolve("load.log"));
          }
          progress.print(elapsed, sampler);
        }
        for (ServiceProcess process : started) {
          if (!process.isAlive()) {
            out.printf("warning: %s exited during the run (see %s)%n", process.name(), logs.resolve(process.name() + ".log"));
          }
        }
        if (!Files.exists(resultFile)) {
          throw new IOException(tool.name() + " wrote no result (exit " + load.exitValue() + "); see " + logs.resolve("load.log"));
        }
        JsonObject result = new JsonObject(Files.readString(resultFile));
        List<StepMeasurement> steps = measurements(schedule, result, sampler.samples());
        return new SizingRun(plan, startedAt, Instant.now().toString(), tool.name(), sampled.get(0).confinement().describe(),
          Runtime.getRuntime().availableProcessors(), command, steps, sampler.samples(), warmup);
      }
    } finally {
      stopAll(started, loads);
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException e) {
        // already shutting down: the hook is running or has run
      }
    }
  }

  /**
   * The fresh units' warm-up, after they said ready (their own warm-up done): the same request from the same load
   * tool at the level a third of the way up the ladder, judged window by window by {@code check} and stopped once
   * the units are warm (or at its limit). Its results are not kept; the ladder starts afresh, its first VUs staggered.
   */
  private Warmup warmUp(SizingPlan plan, WarmupCheck check, LoadTool tool, List<String> baseUrls, ResourceSampler sampler,
                        Path logs, List<Process> loads) throws IOException, InterruptedException {
    int vus = StepSchedule.firstWarmupVus(plan.steps());
    int maximumS = check.maximumS();
    if (maximumS == 0) {
      return new Warmup(vus, check, Warmup.Outcome.FIXED, 0, List.of());
    }
    Path dir = Files.createDirectories(workDir.resolve("warm-up"));
    out.printf("warm-up: %d VUs, %s%n", vus, check.fixed() ? "for " + maximumS + " s"
      : String.format("until two consecutive %d s windows agree within ±%.0f %% on CPU per batch (at least %d s, at most %d s)",
        check.windowS(), check.tolerance() * 100, check.minimumS(), maximumS));
    // every window starts from a scrape of the units' batch histogram: wait for the sampler's first
    for (int i = 0; i < 50 && sampler.latestBatches() == null; i++) {
      Thread.sleep(100);
    }
    Process load = tool.start(StepSchedule.warmupScenarios(plan, vus, maximumS), baseUrls, dir, dir.resolve("load-result.json"),
      logs.resolve("warm-up-load.log"));
    loads.add(load);
    long launched = System.nanoTime();
    List<WarmupCheck.Window> windows = new ArrayList<>();
    ResourceSampler.BatchSnapshot from = sampler.latestBatches();
    long windowStartMs = 0;
    Warmup.Outcome outcome = check.fixed() ? Warmup.Outcome.FIXED : Warmup.Outcome.LIMIT;
    long elapsedMs = 0;
    while (elapsedMs < maximumS * 1000L) {
      if (load.waitFor(250, TimeUnit.MILLISECONDS)) {
        throw new IOException("the load tool ended during the warm-up (exit " + load.exitValue() + "); see " + logs.resolve("warm-up-load.log"));
      }
      elapsedMs = (System.nanoTime() - launched) / 1_000_000;
      if (!check.fixed() && elapsedMs - windowStartMs >= check.windowS() * 1000L) {
        ResourceSampler.BatchSnapshot to = sampler.latestBatches();
        // a window without two scrapes a window apart is not judged; the next one starts now
        if (from != null && to != null && to.epochMs() - from.epochMs() >= check.windowS() * 500L) {
          WarmupCheck.Window window = WarmupCheck.Window.of(elapsedMs / 1000.0, from, to, sampler.samples());
          windows.add(window);
          out.printf("warm-up %s: %d batches, %s ms CPU per batch, mean %s ms%n", ConsoleProgress.clock(elapsedMs), window.batches(),
            Format.fixed(window.cpuMsPerBatch(), 1), Format.fixed(window.meanMs(), 0));
          if (check.warm(windows)) {
            outcome = Warmup.Outcome.WARM;
            break;
          }
        }
        from = to;
        windowStartMs = elapsedMs;
      }
    }
    load.destroyForcibly();
    load.waitFor(10, TimeUnit.SECONDS);
    loads.remove(load);
    return new Warmup(vus, check, outcome, Math.round(elapsedMs / 100.0) / 10.0, windows);
  }

  private static void stopAll(List<ServiceProcess> started, List<Process> loads) {
    loads.forEach(Process::destroyForcibly);
    for (int i = started.size() - 1; i >= 0; i--) {
      started.get(i).close();
    }
  }

  /** Every measured stage of the result, with the samples taken while it ran. */
  static List<StepMeasurement> measurements(StepSchedule schedule, JsonObject result, List<Sample> samples) {
    long t0 = Instant.parse(result.getString("startedAt")).toEpochMilli();
    JsonArray resultSteps = result.getJsonArray("steps");
    List<StepMeasurement> steps = new ArrayList<>();
    for (StepSchedule.Stage stage : schedule.measured()) {
      JsonObject step = null;
      for (int i = 0; i < resultSteps.size(); i++) {
        if (stage.name().equals(resultSteps.getJsonObject(i).getString("name"))) {
          step = resultSteps.getJsonObject(i);
        }
      }
      if (step == null) {
        throw new IllegalStateException("the load result has no step " + stage.name());
      }
      ResourceWindow window = ResourceWindow.of(samples, t0 + stage.startMs() + SAMPLE_LAG_MS, t0 + stage.endMs());
      steps.add(StepMeasurement.of(step, stage.vus(), stage.repeat(), stage.durationMs() / 1000.0, window));
    }
    return steps;
  }
}
