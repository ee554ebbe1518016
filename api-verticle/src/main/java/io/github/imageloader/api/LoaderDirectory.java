package io.github.imageloader.api;

import io.github.imageloader.contract.Addresses;
import io.github.imageloader.contract.LoaderAnnouncement;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The loaders this api can send jobs to, from their announcements, and the judge of when one is gone: it said it
 * is draining, its cluster member left, it has been silent for {@code LOADER_SILENT_AFTER_MS}, or its job
 * address has no consumer any more. The jobs outstanding at a loader that is gone are handed back to their
 * deliveries at once, to go elsewhere; so is a job unanswered past the loader's own job budget (a lost message).
 * Picks a loader for a job by the power of two choices on {@link KnownLoader#cost()}.
 * Touched only from the api verticle's event loop.
 */
final class LoaderDirectory {

  private final Vertx vertx;
  private final long silentAfterMs;
  private final List<KnownLoader> loaders = new ArrayList<>();
  private MessageConsumer<Object> announcements;
  private MessageConsumer<String> departures;
  private long sweeps = -1;

  LoaderDirectory(Vertx vertx, long silentAfterMs) {
    this.vertx = vertx;
    this.silentAfterMs = silentAfterMs;
  }

  Future<Void> start() {
    announcements = vertx.eventBus().consumer(Addresses.LOADERS_ANNOUNCE, message -> {
      LoaderAnnouncement announcement = LoaderAnnouncement.fromJson(message.body());
      if (announcement != null) {
        heard(announcement);
      }
    });
    departures = vertx.eventBus().localConsumer(Addresses.MEMBER_LEFT_LOCAL, message -> memberLeft(message.body()));
    sweeps = vertx.setPeriodic(Math.max(50, silentAfterMs / 6), id -> sweep());
    return Future.all(announcements.completion(), departures.completion())
      .onSuccess(registered -> vertx.eventBus().publish(Addresses.LOADERS_DISCOVER, "discover"))
      .mapEmpty();
  }

  Future<Void> stop() {
    vertx.cancelTimer(sweeps);
    return Future.all(announcements == null ? Future.succeededFuture() : announcements.unregister(),
      departures == null ? Future.succeededFuture() : departures.unregister()).mapEmpty();
  }

  /**
   * A loader for the next job: of two picked at random among those available, the cheaper; {@code avoid} (the
   * loader that just failed the job) only when there is no other. {@code null} when no loader is known.
   */
  KnownLoader choose(KnownLoader avoid) {
    long now = System.currentTimeMillis();
    KnownLoader first = null;
    KnownLoader second = null;
    int seen = 0;
    // Reservoir sampling of two, in one pass and without a list per job.
    for (KnownLoader loader : loaders) {
      if (loader == avoid || !loader.available(now)) {
        continue;
      }
      seen++;
      if (seen == 1) {
        first = loader;
      } else if (seen == 2) {
        second = loader;
      } else {
        int slot = ThreadLocalRandom.current().nextInt(seen);
        if (slot == 0) {
          first = loader;
        } else if (slot == 1) {
          second = loader;
        }
      }
    }
    if (first == null) {
      return avoid != null && loaders.contains(avoid) && avoid.available(now) ? avoid : null;
    }
    return second == null || first.cost() <= second.cost() ? first : second;
  }

  /** Its job address had no consumer: the loader has stopped (its last announcement may not have arrived yet). */
  void forget(KnownLoader loader) {
    gone(loader, "no_consumer");
  }

  int size() {
    return loaders.size();
  }

  private void heard(LoaderAnnouncement announcement) {
    long now = System.currentTimeMillis();
    for (KnownLoader loader : loaders) {
      if (loader.announced().loaderId().equals(announcement.loaderId())) {
        loader.heard(announcement, now);
        return;
      }
    }
    if (announcement.serving()) {
      // A newcomer starts as slow as the slowest loader known and gets more work as it proves faster.
      double slowest = loaders.stream().mapToDouble(KnownLoader::answerMs).max().orElse(1);
      loaders.add(new KnownLoader(announcement, now, slowest));
    }
  }

  private void memberLeft(String nodeId) {
    for (KnownLoader loader : List.copyOf(loaders)) {
      if (!nodeId.isEmpty() && nodeId.equals(loader.announced().nodeId())) {
        gone(loader, "left");
      }
    }
  }

  private void sweep() {
    long now = System.currentTimeMillis();
    for (KnownLoader loader : List.copyOf(loaders)) {
      if (now - loader.lastHeardMs() > silentAfterMs) {
        gone(loader, "silent");
        continue;
      }
      long budget = loader.announced().jobBudgetMs();
      List<JobDelivery<?>> lost = new ArrayList<>();
      for (JobDelivery<?> delivery : loader.outstanding()) {
        if (now - delivery.sentAtMs() <= budget) {
          break;
        }
        lost.add(delivery);
      }
      lost.forEach(delivery -> delivery.lostAt(loader, "lost"));
    }
  }

  private void gone(KnownLoader loader, String reason) {
    if (loaders.remove(loader)) {
      List.copyOf(loader.outstanding()).forEach(delivery -> delivery.lostAt(loader, reason));
    }
  }
}
