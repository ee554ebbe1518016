package io.github.imageloader.loader;

import io.github.imageloader.contract.Addresses;
import io.github.imageloader.contract.LoaderAnnouncement;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;

/**
 * Tells every api node that this loader exists and is alive: an announcement every {@code LOADER_ANNOUNCE_MS},
 * one at once when an api asks ({@value Addresses#LOADERS_DISCOVER}), and a last one saying it no longer takes
 * jobs when it starts draining. The apis route by these (load-aware) instead of the event bus's round-robin.
 */
final class LoaderAnnouncer {

  private final Vertx vertx;
  private final LoaderAnnouncement serving;
  private long timer = -1;
  private MessageConsumer<Object> discover;

  LoaderAnnouncer(Vertx vertx, LoaderAnnouncement serving) {
    this.vertx = vertx;
    this.serving = serving;
  }

  Future<Void> start() {
    discover = vertx.eventBus().consumer(Addresses.LOADERS_DISCOVER, message -> announce(serving));
    timer = vertx.setPeriodic(serving.everyMs(), id -> announce(serving));
    return discover.completion().onSuccess(v -> announce(serving));
  }

  /** Says this loader takes no new jobs (it drains the ones it has), then goes quiet. */
  Future<Void> leave() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    announce(new LoaderAnnouncement(serving.loaderId(), serving.nodeId(), false, serving.everyMs(), serving.jobBudgetMs()));
    return discover == null ? Future.succeededFuture() : discover.unregister();
  }

  private void announce(LoaderAnnouncement announcement) {
    vertx.eventBus().publish(Addresses.LOADERS_ANNOUNCE, announcement.toJson());
  }
}
