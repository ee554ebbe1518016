package io.github.imageloader.api;

import io.github.imageloader.contract.Addresses;
import io.github.imageloader.contract.LoadJob;
import io.github.imageloader.contract.LoaderAnnouncement;
import io.github.imageloader.emulator.GcsEmulatorVerticle;
import io.github.imageloader.loader.LoaderVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Load-aware dispatch on a real stack: jobs go to the loader that answers faster, a job is never raced against a
 * live loader within its budget, and a loader that stops answering (silent, its member gone, or a job lost past
 * its budget) has its jobs sent elsewhere at once. The loader that never answers is a consumer that announces
 * itself and keeps what it gets, as a hung or partitioned process does.
 */
@ExtendWith(VertxExtension.class)
class LoadAwareDispatchTest {

  private static final int BATCH = 40;

  @Test
  void theFasterLoaderGetsMostJobs(Vertx vertx, VertxTestContext ctx, @TempDir Path data) {
    TestStack.start(vertx, data.resolve("gcs"), "http", new JsonObject())
      .compose(stack -> slowStorage(vertx, data.resolve("gcs"), 150)
        .compose(slow -> deployLoader(vertx, stack, slow.actualPort(), new JsonObject())
          .compose(loader -> announcementsHeard(vertx))
          .compose(v -> batches(stack, 12))
          .compose(v -> Future.all(stack.emulatorStats(), stats(vertx, slow)))
          .onComplete(ctx.succeeding(stats -> ctx.verify(() -> {
            long fast = stats.<JsonObject>resultAt(0).getLong("objectRequests");
            long slowReads = stats.<JsonObject>resultAt(1).getLong("objectRequests");
            // Round-robin would give each half; the slow one answers ~4x slower and should get far less.
            assertThat(fast + slowReads).isGreaterThanOrEqualTo(12L * BATCH);
            assertThat((double) fast / (fast + slowReads)).as("fast share of %d reads", fast + slowReads).isGreaterThan(0.7);
            ctx.completeNow();
          })))));
  }

  @Test
  void slowStorageIsAskedOncePerImage(Vertx vertx, VertxTestContext ctx, @TempDir Path data) {
    // Every read takes 1.5 s of a 4 s deadline: the old per-attempt share (4 s / 3) would have re-sent each job.
    JsonObject config = new JsonObject().put("BATCH_TIMEOUT_MS", 4000).put("HEDGE_READS", false)
      .put("STORAGE_ATTEMPT_TIMEOUT_MS", 3000);
    TestStack.start(vertx, data.resolve("gcs"), "http", config)
      .compose(stack -> stack.faults(new JsonObject().put("latencyMs", 1500))
        .compose(v -> stack.get(TestStack.imagesQuery("/images", names(stack, 20))))
        .compose(response -> {
          ctx.verify(() -> assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200));
          return stack.emulatorStats();
        }))
      .onComplete(ctx.succeeding(stats -> ctx.verify(() -> {
        assertThat(stats.getLong("objectRequests")).isEqualTo(20);
        ctx.completeNow();
      })));
  }

  @Test
  void jobsLostAtALiveLoaderGoElsewherePastItsBudget(Vertx vertx, VertxTestContext ctx, @TempDir Path data) {
    TestStack.start(vertx, data.resolve("gcs"), "http", new JsonObject())
      .compose(stack -> {
        BlackHole hung = new BlackHole(vertx, "", 300);
        return hung.start()
          .compose(v -> announcementsHeard(vertx))
          .compose(v -> batches(stack, 3))
          .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
            assertThat(hung.swallowed.get()).as("jobs the hung loader got").isPositive();
            ctx.completeNow();
          })));
      });
  }

  @Test
  void aSilentLoadersJobsGoElsewhere(Vertx vertx, VertxTestContext ctx, @TempDir Path data) {
    TestStack.start(vertx, data.resolve("gcs"), "http", new JsonObject().put("LOADER_SILENT_AFTER_MS", 600))
      .compose(stack -> {
        // It would hold jobs for a minute if the api waited for its budget; it falls silent on its first job.
        BlackHole hung = new BlackHole(vertx, "", 60_000);
        hung.silentOnFirstJob = true;
        return hung.start()
          .compose(v -> announcementsHeard(vertx))
          .compose(v -> batches(stack, 3))
          .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
            assertThat(hung.swallowed.get()).isPositive();
            ctx.completeNow();
          })));
      });
  }

  @Test
  void aDepartedMembersJobsGoElsewhereAtOnce(Vertx vertx, VertxTestContext ctx, @TempDir Path data) {
    TestStack.start(vertx, data.resolve("gcs"), "http", new JsonObject())
      .compose(stack -> {
        BlackHole hung = new BlackHole(vertx, "member-7", 60_000);
        // Cut off, as by a partition: nothing more arrives from it, and its member is declared gone soon after.
        hung.silentOnFirstJob = true;
        hung.onFirstJob = () -> vertx.setTimer(100,
          id -> vertx.eventBus().publish(Addresses.MEMBER_LEFT_LOCAL, "member-7"));
        long started = System.currentTimeMillis();
        return hung.start()
          .compose(v -> announcementsHeard(vertx))
          .compose(v -> batches(stack, 1))
          .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
            assertThat(hung.swallowed.get()).isPositive();
            // The deadline is 3 s; failing over by membership answers well before it.
            assertThat(System.currentTimeMillis() - started).isLessThan(2_500);
            ctx.completeNow();
          })));
      });
  }

  /** Runs {@code count} batches of {@link #BATCH} images, four at a time, each expected to answer 200. */
  private static Future<Void> batches(TestStack stack, int count) {
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> clients = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      clients.add(nextBatch(stack, next, count));
    }
    return Future.all(clients).mapEmpty();
  }

  private static Future<Void> nextBatch(TestStack stack, AtomicInteger next, int count) {
    if (next.getAndIncrement() >= count) {
      return Future.succeededFuture();
    }
    return stack.get(TestStack.imagesQuery("/images", names(stack, BATCH)))
      .compose(response -> response.statusCode() == 200 ? Future.succeededFuture()
        : Future.failedFuture("batch answered " + response.statusCode() + ": " + response.bodyAsString()))
      .compose(v -> nextBatch(stack, next, count));
  }

  private static List<String> names(TestStack stack, int count) {
    return IntStream.range(0, count).mapToObj(stack::name).toList();
  }

  private static Future<GcsEmulatorVerticle> slowStorage(Vertx vertx, Path data, int latencyMs) {
    GcsEmulatorVerticle emulator = new GcsEmulatorVerticle();
    JsonObject config = new JsonObject().put("port", 0).put("dataDir", data.toString()).put("latencyMs", latencyMs)
      .put("signedUrlKeyFile", data.resolveSibling("slow-signer.json").toString());
    return vertx.deployVerticle(emulator, new DeploymentOptions().setConfig(config)).map(emulator);
  }

  private static Future<JsonObject> stats(Vertx vertx, GcsEmulatorVerticle emulator) {
    return WebClient.create(vertx).get(emulator.actualPort(), "127.0.0.1", "/_emulator/stats").send()
      .map(HttpResponse::bodyAsJsonObject);
  }

  private static Future<String> deployLoader(Vertx vertx, TestStack stack, int storagePort, JsonObject extra) {
    JsonObject config = new JsonObject().put("STORAGE_EMULATOR_HOST", "127.0.0.1:" + storagePort)
      .put("GCS_PROJECT_ID", "test-project").put("STORAGE_POOL_SIZE", 16).mergeIn(extra);
    return vertx.deployVerticle(new LoaderVerticle(), new DeploymentOptions().setConfig(config));
  }

  /** Completes once the loaders' announcements have gone round (they announce every 500 ms, and on start). */
  private static Future<Void> announcementsHeard(Vertx vertx) {
    return vertx.timer(600).mapEmpty();
  }

  /** A loader that announces itself and answers nothing: a hung process, or one cut off by a partition. */
  private static final class BlackHole {
    final AtomicInteger swallowed = new AtomicInteger();
    final Vertx vertx;
    final LoaderAnnouncement identity;
    boolean silentOnFirstJob;
    Runnable onFirstJob = () -> { };
    long timer;
    MessageConsumer<LoadJob> consumer;

    BlackHole(Vertx vertx, String nodeId, long jobBudgetMs) {
      this.vertx = vertx;
      this.identity = new LoaderAnnouncement(UUID.randomUUID().toString(), nodeId, true, 200, jobBudgetMs);
    }

    Future<Void> start() {
      consumer = vertx.eventBus().consumer(identity.loadAddress(), message -> {
        if (swallowed.getAndIncrement() == 0) {
          if (silentOnFirstJob) {
            vertx.cancelTimer(timer);
          }
          onFirstJob.run();
        }
      });
      timer = vertx.setPeriodic(200, id -> vertx.eventBus().publish(Addresses.LOADERS_ANNOUNCE, identity.toJson()));
      return consumer.completion()
        .onSuccess(v -> vertx.eventBus().publish(Addresses.LOADERS_ANNOUNCE, identity.toJson()));
    }
  }
}
