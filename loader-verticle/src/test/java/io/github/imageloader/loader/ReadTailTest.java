package io.github.imageloader.loader;

import io.github.imageloader.contract.HeldBytes;
import io.github.imageloader.emulator.EmulatorStats;
import io.github.imageloader.emulator.FaultSettings;
import io.github.imageloader.emulator.GcsEmulatorVerticle;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hedged and resumed reads against the real emulator over HTTP, its tail and stalls switched per read through
 * the same settings as {@code PUT /_emulator/faults}. Each test holds the faulty setting until the emulator has
 * taken the request it is meant for, then lifts it, so the other copy (or the resumed rest) is served normally.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class ReadTailTest {

  private static final String BUCKET = "tail-bucket";
  private static final int OBJECT_BYTES = 600_000;
  /** Fixed delays, so each test knows when the loader acts; adapting them is {@link LatencyWindowTest}'s. */
  private static final TailSettings FIXED = new TailSettings(true, 200, 200, 5, 1, 300, 300, 2);

  private Vertx vertx;
  private GcsEmulatorVerticle emulator;
  private Path dataDir;
  private SimpleMeterRegistry registry;
  private HttpClient http;
  private HttpObjectDownload downloads;
  private Context context;
  private final List<byte[]> objects = new ArrayList<>();

  @BeforeEach
  void start(Vertx vertx, @TempDir Path dataDir) throws Exception {
    this.vertx = vertx;
    this.dataDir = dataDir;
    Random random = new Random(11);
    Files.createDirectories(dataDir.resolve(BUCKET));
    for (int i = 0; i < 4; i++) {
      byte[] bytes = new byte[OBJECT_BYTES + i];
      random.nextBytes(bytes);
      Files.write(dataDir.resolve(BUCKET).resolve("o" + i), bytes);
      objects.add(bytes);
    }
    emulator = new GcsEmulatorVerticle();
    vertx.deployVerticle(emulator, new DeploymentOptions().setConfig(
      new JsonObject().put("port", 0).put("dataDir", dataDir.toString()))).await(30, TimeUnit.SECONDS);
    useSettings(FIXED);
  }

  private void useSettings(TailSettings settings) {
    if (http != null) {
      http.close();
    }
    registry = new SimpleMeterRegistry();
    http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(32));
    downloads = new HttpObjectDownload(vertx, http, new ReadTail(settings, new LoaderMetrics("http", registry)), 5_000);
    context = vertx.getOrCreateContext();
  }

  @AfterEach
  void stop() {
    http.close();
  }

  @Test
  void aHedgedReadReturnsTheFastCopyAndResetsTheSlowOne() throws Exception {
    faults(new JsonObject().put("tailRate", 1.0).put("tailMs", 10_000));
    Future<StoredObject> read = read(0, true);
    await(stats -> injected(stats, "tail") >= 1);
    faults(new JsonObject());

    StoredObject stored = read.await(20, TimeUnit.SECONDS);

    assertThat(stored.data().getBytes()).isEqualTo(objects.get(0));
    assertThat(count("imageloader.read.hedges", "result", "sent")).isEqualTo(1);
    assertThat(count("imageloader.read.hedges", "result", "won")).isEqualTo(1);
    // The slow copy was reset, not left to finish on a pooled connection.
    await(stats -> stats.toJson().getLong("readsAborted") == 1);
    assertThat(stats().getLong("objectRequests")).isEqualTo(2);
  }

  @Test
  void aHedgeInTheTailTooIsHedgedAgain() throws Exception {
    useSettings(new TailSettings(true, 200, 200, 100, 2, 300, 300, 2));
    faults(new JsonObject().put("tailRate", 1.0).put("tailMs", 10_000));
    Future<StoredObject> read = read(0, false);
    await(stats -> injected(stats, "tail") >= 2);
    faults(new JsonObject());

    StoredObject stored = read.await(20, TimeUnit.SECONDS);

    assertThat(stored.crc32c()).isEqualTo(Crc32c.of(Buffer.buffer(objects.get(0))));
    assertThat(count("imageloader.read.hedges", "result", "sent")).isEqualTo(2);
    assertThat(count("imageloader.read.hedges", "result", "won")).isEqualTo(1);
    // Both slow copies were reset.
    await(stats -> stats.toJson().getLong("readsAborted") == 2);
  }

  @Test
  void aStalledReadResumesAndItsBytesEqualTheObject() throws Exception {
    faults(new JsonObject().put("stallRate", 1.0).put("stallMs", 10_000));
    Future<StoredObject> read = read(1, true);
    await(stats -> injected(stats, "stall") >= 1);
    faults(new JsonObject());

    StoredObject stored = read.await(20, TimeUnit.SECONDS);

    assertThat(stored.data().getBytes()).isEqualTo(objects.get(1));
    assertThat(stored.crc32c()).isEqualTo(Crc32c.of(Buffer.buffer(objects.get(1))));
    assertThat(count("imageloader.read.resumes", null, null)).isEqualTo(1);
    assertThat(count("imageloader.read.hedges", "result", "sent")).isZero();
    assertThat(stats().getLong("objectRequests")).isEqualTo(2);
  }

  @Test
  void aCorruptedHedgeNeverWins() throws Exception {
    faults(new JsonObject().put("tailRate", 1.0).put("tailMs", 1_500));
    Future<StoredObject> read = read(2, false);
    await(stats -> injected(stats, "tail") >= 1);
    faults(new JsonObject().put("corruptRate", 1.0));
    await(stats -> injected(stats, "corrupt") >= 1);
    faults(new JsonObject());

    StoredObject stored = read.await(20, TimeUnit.SECONDS);

    assertThat(stored.crc32c()).isEqualTo(Crc32c.of(Buffer.buffer(objects.get(2))));
    assertThat(count("imageloader.read.hedges", "result", "sent")).isEqualTo(1);
    assertThat(count("imageloader.read.hedges", "result", "won")).isZero();
  }

  @Test
  void theBudgetStopsHedgingWhenEveryReadIsSlow() throws Exception {
    useSettings(new TailSettings(true, 20, 20, 5, 1, 300, 2000, 2));
    faults(new JsonObject().put("tailRate", 1.0).put("tailMs", 150));
    int reads = 100;
    List<Future<StoredObject>> all = new ArrayList<>();
    for (int i = 0; i < reads; i++) {
      all.add(read(i % objects.size(), false));
    }
    Future.all(all).await(60, TimeUnit.SECONDS);

    double sent = count("imageloader.read.hedges", "result", "sent");
    // The bucket's saved-up burst (10) plus 5 % of the reads, and not one more.
    assertThat(sent).isLessThanOrEqualTo(10 + reads * 0.05);
    assertThat(count("imageloader.read.hedges", "result", "refused")).isGreaterThanOrEqualTo(reads - sent);
    assertThat(stats().getLong("objectRequests")).isLessThanOrEqualTo(reads + (long) sent);
  }

  @Test
  void aGenerationChangeBetweenTheCopiesIsRefused() throws Exception {
    useSettings(new TailSettings(false, 200, 200, 5, 1, 1_000, 1_000, 2));
    faults(new JsonObject().put("stallRate", 1.0).put("stallMs", 10_000));
    Future<StoredObject> read = read(3, true);
    await(stats -> injected(stats, "stall") >= 1);
    faults(new JsonObject());
    byte[] replacement = new byte[OBJECT_BYTES];
    new Random(5).nextBytes(replacement);
    WebClient.create(vertx)
      .postAbs(endpoint() + "/upload/storage/v1/b/" + BUCKET + "/o?uploadType=media&name=o3")
      .sendBuffer(Buffer.buffer(replacement))
      .await(10, TimeUnit.SECONDS);

    // The rest of the stalled body is asked for pinned to the generation it began with: storage refuses it.
    assertThatThrownBy(() -> read.await(20, TimeUnit.SECONDS))
      .isInstanceOf(UpstreamException.class)
      .satisfies(error -> assertThat(((UpstreamException) error).causeLabel()).isEqualTo("generation_changed"));
    assertThat(count("imageloader.read.resumes", null, null)).isEqualTo(1);
    // The retry that follows such a failure reads the new object whole.
    assertThat(read(3, true).await(20, TimeUnit.SECONDS).data().getBytes()).isEqualTo(replacement);
  }

  private Future<StoredObject> read(int object, boolean keepBytes) {
    Promise<StoredObject> done = Promise.promise();
    String name = "o" + object;
    ReadTarget target = new ReadTarget(endpoint() + "/download/storage/v1/b/" + BUCKET + "/o/" + name + "?alt=media",
      null, null, true, BUCKET);
    HeldBytes budget = keepBytes ? HeldBytes.of(vertx, 64L << 20) : null;
    context.runOnContext(v -> downloads.get(target, "gs://" + BUCKET + "/" + name,
      System.currentTimeMillis() + 30_000, budget).onComplete(done));
    return done.future();
  }

  private String endpoint() {
    return "http://127.0.0.1:" + emulator.actualPort();
  }

  private void faults(JsonObject settings) {
    emulator.faults().replace(FaultSettings.fromJson(settings, emulator.faults().defaults()));
  }

  private JsonObject stats() {
    return emulator.stats().toJson();
  }

  private double count(String name, String tag, String value) {
    var search = registry.find(name);
    var counter = (tag == null ? search : search.tag(tag, value)).counter();
    return counter == null ? 0 : counter.count();
  }

  private static long injected(EmulatorStats stats, String fault) {
    return stats.toJson().getJsonObject("faultsInjected").getLong(fault);
  }

  /** Waits (at most 10 s) until the emulator's stats satisfy {@code condition}. */
  private void await(java.util.function.Predicate<EmulatorStats> condition) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.test(emulator.stats())) {
      if (System.nanoTime() > until) {
        throw new AssertionError("emulator never reached the expected state: " + stats());
      }
      Thread.sleep(2);
    }
  }
}
