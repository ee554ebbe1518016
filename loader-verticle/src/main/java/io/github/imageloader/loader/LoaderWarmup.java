package io.github.imageloader.loader;

import io.github.imageloader.contract.LoadJob;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * A fresh loader's own warm-up, before it announces itself and answers readiness probes: {@code LOADER_WARMUP_READS}
 * reads of a sample of the bucket, sent to its own job address so the codec, the job runner, the transport and the
 * storage connections are all exercised, {@code LOADER_WARMUP_CONCURRENCY} at a time. A loader-only unit added
 * under load would otherwise compile its hot code on the first users' images. Bounded by {@code WARMUP_MAX_MS};
 * whatever happens, the loader starts serving afterwards.
 */
final class LoaderWarmup {

  private static final Logger LOG = LoggerFactory.getLogger(LoaderWarmup.class);

  /** @param reads 0: no warm-up (an embedded or test configuration, or a combined node's api warming it) */
  record Settings(int reads, int concurrency, long maxMs, long readTimeoutMs, String bucket, String prefix) {
  }

  private final Vertx vertx;
  private final String address;
  private final Settings settings;
  private int done;
  private int sent;

  LoaderWarmup(Vertx vertx, String address, Settings settings) {
    this.vertx = vertx;
    this.address = address;
    this.settings = settings;
  }

  Future<Void> run() {
    if (settings.reads() <= 0) {
      return Future.succeededFuture();
    }
    long started = System.currentTimeMillis();
    long giveUpAt = started + settings.maxMs();
    return request(LoadJob.sample(settings.bucket(), settings.prefix(), deadline(giveUpAt)))
      .map(reply -> ((JsonObject) reply).getJsonArray("names").stream().map(Object::toString)
        .filter(name -> !name.endsWith("/")).toList())
      .compose(names -> {
        List<Future<Void>> lanes = new ArrayList<>();
        for (int i = 0; i < Math.min(settings.concurrency(), settings.reads()) && !names.isEmpty(); i++) {
          lanes.add(lane(names, giveUpAt));
        }
        return Future.all(lanes);
      })
      .transform(ar -> {
        LOG.info("Loader warm-up: {} of {} reads in {} ms{}", done, settings.reads(), System.currentTimeMillis() - started,
          ar.failed() ? " (" + ar.cause().getMessage() + ")" : "");
        return Future.succeededFuture();
      });
  }

  private Future<Void> lane(List<String> names, long giveUpAt) {
    if (sent >= settings.reads() || System.currentTimeMillis() >= giveUpAt) {
      return Future.succeededFuture();
    }
    String name = names.get(sent++ % names.size());
    return request(LoadJob.object(settings.bucket(), name, false, deadline(giveUpAt)))
      .transform(ar -> {
        if (ar.succeeded()) {
          done++;
        }
        return lane(names, giveUpAt);
      });
  }

  private long deadline(long giveUpAt) {
    return Math.min(giveUpAt, System.currentTimeMillis() + settings.readTimeoutMs());
  }

  private Future<Object> request(LoadJob job) {
    long timeout = Math.max(1, job.deadlineEpochMs() - System.currentTimeMillis());
    return vertx.eventBus().request(address, job, new DeliveryOptions().setSendTimeout(timeout)).map(reply -> reply.body());
  }
}
