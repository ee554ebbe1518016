package io.github.imageloader.api;

import io.github.imageloader.contract.Addresses;
import io.github.imageloader.contract.LoadJob;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * A fresh node's own warm-up, before {@code /ready} says yes: it asks a loader for a sample of object names under
 * {@code IMAGE_PREFIX}, then loads {@code WARMUP_BATCHES} batches of them through the same dispatcher, loaders,
 * storage client and response encoding every request uses, {@code WARMUP_CONCURRENCY} at a time. The JIT compiles
 * the request path on these instead of on the first users' requests. Bounded by {@code WARMUP_MAX_MS}; whatever
 * happens (no loader yet, storage down, an empty bucket), the node is ready afterwards as far as warming goes.
 */
final class Warmup {

  private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);
  private static final long SAMPLE_RETRY_MS = 500;
  private static final int BATCH_SIZE = 40;

  private final Vertx vertx;
  private final ApiConfig config;
  private final BatchDispatcher dispatcher;
  private final Promise<Void> done = Promise.promise();
  private int loaded;

  Warmup(Vertx vertx, ApiConfig config, BatchDispatcher dispatcher) {
    this.vertx = vertx;
    this.config = config;
    this.dispatcher = dispatcher;
  }

  /** Starts warming (or finishes at once when {@code WARMUP_BATCHES} is 0); {@link #done()} completes when over. */
  Warmup start() {
    if (config.warmupBatches() <= 0) {
      done.complete();
      return this;
    }
    long started = System.currentTimeMillis();
    long giveUpAt = started + config.warmupMaxMs();
    sample(giveUpAt)
      .compose(names -> names.isEmpty() ? Future.succeededFuture() : load(names, giveUpAt))
      .onComplete(ar -> {
        LOG.info("Warm-up: {} of {} batches in {} ms{}", loaded, config.warmupBatches(), System.currentTimeMillis() - started,
          ar.failed() ? " (" + ar.cause().getMessage() + ")" : "");
        done.complete();
      });
    return this;
  }

  Future<Void> done() {
    return done.future();
  }

  boolean isDone() {
    return done.future().isComplete();
  }

  String progress() {
    return loaded + " of " + config.warmupBatches() + " batches";
  }

  /** Object names to load, relative to the prefix; asked again until a loader answers or time runs out. */
  private Future<List<String>> sample(long giveUpAt) {
    long deadline = Math.min(giveUpAt, System.currentTimeMillis() + config.readyTimeoutMs());
    return vertx.eventBus().<JsonObject>request(Addresses.IMAGES_LOAD,
        LoadJob.sample(config.bucket(), config.prefix(), deadline),
        new DeliveryOptions().setSendTimeout(Math.max(1, deadline - System.currentTimeMillis())))
      .map(reply -> reply.body().getJsonArray("names").stream().map(Object::toString)
        .filter(name -> name.startsWith(config.prefix()) && name.length() > config.prefix().length())
        .map(name -> name.substring(config.prefix().length()))
        .filter(name -> !name.contains("/"))
        .toList())
      .recover(error -> System.currentTimeMillis() + SAMPLE_RETRY_MS < giveUpAt
        ? vertx.timer(SAMPLE_RETRY_MS).compose(v -> sample(giveUpAt))
        : Future.failedFuture("no sample of objects: " + error.getMessage()));
  }

  private Future<Void> load(List<String> names, long giveUpAt) {
    List<Future<Void>> lanes = new ArrayList<>();
    int[] next = {0};
    for (int i = 0; i < Math.min(config.warmupConcurrency(), config.warmupBatches()); i++) {
      lanes.add(lane(names, next, giveUpAt));
    }
    return Future.all(lanes).mapEmpty();
  }

  /** One closed loop of batches; every lane takes the next batch number until all are sent or time is up. */
  private Future<Void> lane(List<String> names, int[] next, long giveUpAt) {
    if (next[0] >= config.warmupBatches() || System.currentTimeMillis() >= giveUpAt) {
      return Future.succeededFuture();
    }
    int batch = next[0]++;
    List<String> picked = new ArrayList<>(BATCH_SIZE);
    for (int i = 0; i < BATCH_SIZE; i++) {
      picked.add(names.get((batch * 7 + i) % names.size()));
    }
    long deadline = Math.min(giveUpAt, System.currentTimeMillis() + config.batchTimeoutMs());
    List<LoadJob> jobs = picked.stream()
      .map(name -> LoadJob.object(config.bucket(), config.prefix() + name, false, deadline)).toList();
    return dispatcher.dispatch(jobs, picked)
      // encoded as a response would be, so that path is compiled too
      .map(results -> BatchResponse.of(results, picked, "name", 0).toBuffer())
      .transform(ar -> {
        if (ar.succeeded()) {
          loaded++;
        }
        return lane(names, next, giveUpAt);
      });
  }
}
