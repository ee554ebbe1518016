package io.github.imageloader.driver;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs one scenario of {@code k6/scenarios.json} against a live service without k6, and writes the same
 * result JSON as the k6 scripts' {@code handleSummary}. Exit code 0 when every threshold passed, 99 when
 * one failed (as k6 does), 2 on a usage or set-up error.
 */
public final class LoadDriver {

  private static final long PROGRESS_EVERY_MS = 5_000;
  /** Printed when an unrecorded warm-up ends and the recorded run begins. */
  public static final String MEASURING = "load-driver: warm-up done, measuring";

  private LoadDriver() {
  }

  public static void main(String[] args) {
    DriverOptions options;
    try {
      options = DriverOptions.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    int exit;
    try {
      JsonObject result = run(vertx, options).await();
      System.out.print(Summary.text(result));
      System.out.println("result: " + options.resultFile().toAbsolutePath());
      exit = result.getBoolean("passed") ? 0 : 99;
    } catch (Exception e) {
      System.err.println("load-driver: " + e.getMessage());
      exit = 2;
    } finally {
      vertx.close().await();
    }
    System.exit(exit);
  }

  /** Runs the scenario and writes the result file; the future holds the result. */
  static Future<JsonObject> run(Vertx vertx, DriverOptions options) {
    ScenarioDefinition scenario;
    List<String> signedUrls;
    UploadImage upload;
    try {
      JsonObject definitions = new JsonObject(Files.readString(options.scenariosFile()));
      if (!definitions.containsKey(options.scenario())) {
        return Future.failedFuture("no scenario '" + options.scenario() + "' in " + options.scenariosFile()
          + "; there are " + definitions.fieldNames());
      }
      scenario = ScenarioDefinition.from(options.scenario(), definitions.getJsonObject(options.scenario()))
        .withOverrides(options.overrides());
      signedUrls = scenario.request().equals("signed-urls") ? readSignedUrls(options.signedUrlsFile()) : List.of();
      upload = scenario.request().equals("upload") ? UploadImage.read(options.uploadFile(), options.uploadPrompt()) : null;
    } catch (IOException | RuntimeException e) {
      return Future.failedFuture(e);
    }
    WebClient client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true).setTcpNoDelay(true),
      new PoolOptions().setHttp1MaxSize(Math.max(1, scenario.maxVus())));
    RunRecorder recorder = new RunRecorder(scenario);
    BatchPicker picker = new BatchPicker(scenario, options.seed());
    HttpClient storage = options.storageFloorUrl() == null ? null : vertx.createHttpClient(
      new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true), new PoolOptions().setHttp1MaxSize(options.storagePoolSize()));
    Requests requests = storage != null
      ? new StorageFloorRequests(storage, options.storageFloorUrl(), options.bucket(), options.prefix(), picker)
      : new BatchRequests(client, options.baseUrl(), scenario, signedUrls, upload, options.authToken(), picker);
    VirtualUsers users = new VirtualUsers(vertx, scenario, requests, recorder);
    UpstreamStats upstream = options.emulatorUrl() == null ? null : new UpstreamStats(vertx, options.emulatorUrl());
    Future<JsonObject> before = upstream == null ? Future.succeededFuture() : upstream.snapshot();
    long progressTimer = options.progress()
      ? vertx.setPeriodic(PROGRESS_EVERY_MS, id -> System.err.println(progressLine(scenario, users, recorder)))
      : -1;
    return before
      .compose(start -> users.run(options.warmupMs(), () -> {
          if (options.warmupMs() > 0) {
            // scripts (the benchmark) wait for this line to start their own measurements
            System.out.println(MEASURING);
          }
        })
        .compose(v -> upstream == null ? Future.succeededFuture() : upstream.snapshot().map(end -> UpstreamStats.difference(start, end))))
      .map(upstreamJson -> recorder.result(storage != null ? options.storageFloorUrl() : options.baseUrl(), upstreamJson))
      .compose(result -> write(vertx, options.resultFile(), result))
      .andThen(ar -> {
        vertx.cancelTimer(progressTimer);
        client.close();
        if (storage != null) {
          storage.close();
        }
      });
  }

  private static List<String> readSignedUrls(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new IOException("no signed URL file at " + file + "; write one with scripts/sign-urls");
    }
    List<String> urls = new JsonObject(Files.readString(file)).getJsonArray("urls").stream().map(Object::toString).toList();
    if (urls.isEmpty()) {
      throw new IOException(file + " holds no URLs");
    }
    return urls;
  }

  private static Future<JsonObject> write(Vertx vertx, Path file, JsonObject result) {
    Path parent = file.toAbsolutePath().getParent();
    return vertx.fileSystem().mkdirs(parent.toString())
      .compose(v -> vertx.fileSystem().writeFile(file.toString(), result.toBuffer().appendString("\n")))
      .map(result);
  }

  private static String progressLine(ScenarioDefinition scenario, VirtualUsers users, RunRecorder recorder) {
    StepStats overall = recorder.overall();
    long elapsed = recorder.elapsedMs();
    return String.format("[%s] %s/%s vus=%d reqs=%d rps=%.1f p95=%.0fms failures=%d", scenario.name(),
      clock(elapsed), clock(scenario.totalMs()), users.activeVus(), overall.requests(),
      overall.requests() / Math.max(elapsed / 1000.0, 0.001), overall.percentileMs(95), overall.failures());
  }

  private static String clock(long ms) {
    long seconds = ms / 1000;
    return String.format("%02d:%02d", seconds / 60, seconds % 60);
  }
}
