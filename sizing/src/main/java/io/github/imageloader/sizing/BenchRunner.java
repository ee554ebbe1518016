package io.github.imageloader.sizing;

import io.github.imageloader.driver.LoadDriver;
import io.vertx.core.json.JsonObject;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link BenchPlan}: one emulator process with GCS-like latency (its CPU is not the node's), then for
 * each repeat each variant on a fresh node (warm-up, measured window read from {@code /proc}, the node's
 * {@code /metrics} and the emulator's stats), then the floor: the same batches fetched by the load driver
 * straight from the emulator. Load comes from the project's Java driver, in its own process.
 */
final class BenchRunner {

  static final String FLOOR = "floor";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Path repo;
  private final BenchPlan plan;
  private final Path work;
  /** The emulator's HTTPS port when a variant reaches storage over TLS, else 0. */
  private int tlsPort;

  BenchRunner(Path repo, BenchPlan plan, Path work) {
    this.repo = repo;
    this.plan = plan;
    this.work = work;
  }

  List<BenchResult> run() throws IOException, InterruptedException {
    Files.createDirectories(work);
    List<BenchResult> results = new ArrayList<>();
    int emulatorPort = ServiceProcess.freePort();
    String storage = "http://127.0.0.1:" + emulatorPort;
    Map<String, String> storageEnv = new LinkedHashMap<>(plan.tail().env());
    if (plan.variants().stream().anyMatch(BenchVariant::storageTls)) {
      storageEnv.putAll(StorageTlsFiles.emulatorEnv(work.resolve("tls"), tlsPort = ServiceProcess.freePort()));
    }
    try (ServiceProcess emulator = ServiceProcess.emulator(repo, work, emulatorPort, plan.latencyMs(), plan.jitterMs(),
        storageEnv)) {
      emulator.awaitReady(storage + "/_emulator/stats", 300);
      for (int repeat = 1; repeat <= plan.repeats(); repeat++) {
        for (BenchVariant variant : plan.variants()) {
          BenchResult result = measureNode(variant, repeat, storage, emulatorPort);
          print(result);
          results.add(result);
        }
        BenchResult floor = measureFloor(repeat, storage);
        print(floor);
        results.add(floor);
      }
    }
    return results;
  }

  private BenchResult measureNode(BenchVariant variant, int repeat, String storage, int emulatorPort)
    throws IOException, InterruptedException {
    int port = ServiceProcess.freePort();
    String base = "http://127.0.0.1:" + port;
    String name = variant.label().replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + repeat;
    System.out.printf("bench: %s (repeat %d): starting %s%n", variant.label(), repeat, variant.describe());
    Map<String, String> env = new LinkedHashMap<>(variant.env());
    if (variant.storageTls()) {
      env.putAll(StorageTlsFiles.nodeEnv(work.resolve("tls"), tlsPort));
    }
    try (ServiceProcess node = ServiceProcess.node(repo, work, name, variant.jar(), variant.javaOptions(), env,
      port, emulatorPort)) {
      node.awaitReady(base + "/ready", 300);
      Snapshot[] start = new Snapshot[1];
      JsonObject load = drive(List.of("--base-url", base), plan.warmupS(), plan.measureS(), work.resolve(name + ".json"),
        () -> start[0] = Snapshot.take(storage, base, node.pid()));
      Snapshot end = Snapshot.take(storage, base, node.pid());
      return result(variant.label(), repeat, load, start[0], end);
    }
  }

  /** What is read at each end of a measured window. */
  private record Snapshot(long nanos, JsonObject storage, double loadedImages, ProcessCpu cpu) {

    /** @param base the node's URL, or {@code null} for the floor (no node) */
    static Snapshot take(String storage, String base, long pid) {
      try {
        return new Snapshot(System.nanoTime(), json(storage + "/_emulator/stats"),
          base == null ? Double.NaN : BenchRunner.loadedImages(base), base == null ? null : ProcessCpu.read(pid));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private BenchResult measureFloor(int repeat, String storage) throws IOException, InterruptedException {
    System.out.printf("bench: floor (repeat %d): the same batches straight from storage%n", repeat);
    Snapshot[] start = new Snapshot[1];
    JsonObject load = drive(List.of("--storage-floor", storage), plan.warmupS(), plan.measureS(),
      work.resolve("floor-" + repeat + ".json"), () -> start[0] = Snapshot.take(storage, null, 0));
    return result(FLOOR, repeat, load, start[0], Snapshot.take(storage, null, 0));
  }

  private static BenchResult result(String label, int repeat, JsonObject load, Snapshot start, Snapshot end) {
    JsonObject overall = load.getJsonObject("overall");
    JsonObject latency = overall.getJsonObject("latencyMs");
    double seconds = (end.nanos() - start.nanos()) / 1e9;
    // The stats read at the end came over a connection of its own.
    long connections = Math.max(0, end.storage().getLong("connections") - start.storage().getLong("connections") - 1);
    long objectRequests = end.storage().getLong("objectRequests") - start.storage().getLong("objectRequests");
    long handshakes = end.storage().getLong("tlsConnections", 0L) - start.storage().getLong("tlsConnections", 0L);
    ProcessCpu used = end.cpu() == null ? null : end.cpu().minus(start.cpu());
    // The node's own count of loaded images; without its metrics (METRICS_ENABLED=false), what storage served.
    long images = used == null || Double.isNaN(end.loadedImages()) ? objectRequests
      : Math.round(end.loadedImages() - start.loadedImages());
    double perImage = Math.max(1, images);
    return new BenchResult(label, repeat, overall.getLong("requests"), overall.getLong("failures"),
      latency.getDouble("p50"), latency.getDouble("p95"), latency.getDouble("p99"), latency.getDouble("max", Double.NaN), images, seconds,
      used == null ? Double.NaN : used.cpuMs() / perImage,
      used == null || used.cpuTicks() == 0 ? Double.NaN : (double) used.gcTicks() / used.cpuTicks(),
      used == null || used.cpuTicks() == 0 ? Double.NaN : (double) used.jitTicks() / used.cpuTicks(),
      used == null ? Double.NaN : used.peakRssKb() / 1024.0,
      connections / perImage, objectRequests / perImage, handshakes / perImage,
      // Less the one the stats request itself came over.
      Math.max(0, end.storage().getLong("openConnections") - 1));
  }

  /**
   * Runs the study's {@code images} scenario with the load driver: {@code warmupS} unrecorded, then
   * {@code measureS} recorded, {@code measuring} called as the recorded part starts. Returns its result JSON.
   */
  private JsonObject drive(List<String> target, int warmupS, int measureS, Path resultFile, Runnable measuring)
    throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("java", "-jar", LoadTool.DRIVER_JAR, "--scenario", "images", "--quiet",
      "--vus", Integer.toString(plan.vus()), "--duration", measureS + "s", "--warmup", warmupS + "s",
      "--seed", Long.toString(plan.seed()),
      "--think-min", plan.think().split("-")[0], "--think-max", plan.think().split("-")[1],
      "--batch-min", plan.batch().split("-")[0], "--batch-max", plan.batch().split("-")[1],
      "--out", resultFile.toAbsolutePath().toString()));
    command.addAll(target);
    Path log = resultFile.resolveSibling(resultFile.getFileName() + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true);
    for (String knob : List.of("BASE_URL", "DURATION", "VUS", "THINK_MIN", "THINK_MAX", "BATCH_MIN", "BATCH_MAX", "RESULT_FILE")) {
      builder.environment().remove(knob);
    }
    Process driver = builder.start();
    boolean started = warmupS == 0;
    if (started) {
      measuring.run();
    }
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(driver.getInputStream(), StandardCharsets.UTF_8));
         BufferedWriter copy = Files.newBufferedWriter(log)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        copy.write(line);
        copy.newLine();
        if (!started && line.equals(LoadDriver.MEASURING)) {
          started = true;
          measuring.run();
        }
      }
    }
    if (!driver.waitFor(60, TimeUnit.SECONDS)) {
      driver.destroyForcibly();
      throw new IOException("the load driver did not finish; see " + log);
    }
    if (!started || !Files.exists(resultFile)) {
      throw new IOException("the load driver wrote no result (exit " + driver.exitValue() + "); see " + log);
    }
    return new JsonObject(Files.readString(resultFile));
  }

  /** The node's count of images loaded, or NaN when it serves no metrics. */
  private static double loadedImages(String base) throws IOException, InterruptedException {
    HttpResponse<String> metrics = get(base + "/metrics");
    if (metrics.statusCode() != 200) {
      return Double.NaN;
    }
    return new PrometheusText(metrics.body()).sum("imageloader_image_load_seconds_count", "kind=\"object\",outcome=\"ok\"");
  }

  private static JsonObject json(String url) throws IOException, InterruptedException {
    return new JsonObject(get(url).body());
  }

  /** One GET, sent again once should a kept-alive connection turn out closed (the node closes idle ones). */
  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException closed) {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
  }

  private static void print(BenchResult r) {
    System.out.printf("bench: %-12s p50 %4.0f ms  p95 %4.0f ms  p99 %4.0f ms  %6.1f images/s  failures %d%s%n",
      r.label(), r.p50Ms(), r.p95Ms(), r.p99Ms(), r.imagesPerSecond(), r.failures(),
      r.isFloor() ? "" : String.format("  CPU %.3f ms/image  GC %.1f %%  JIT %.1f %%  peak RSS %.0f MB  new conns/image %.4f",
        r.cpuMsPerImage(), 100 * r.gcShare(), 100 * r.jitShare(), r.peakRssMb(), r.newConnectionsPerImage()));
  }
}
