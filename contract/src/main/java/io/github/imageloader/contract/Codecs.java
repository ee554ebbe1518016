package io.github.imageloader.contract;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;

/** Registers the contract's codecs; every node, whatever its role, must call this before sending jobs. */
public final class Codecs {

  private Codecs() {
  }

  public static synchronized void register(Vertx vertx) {
    EventBus eventBus = vertx.eventBus();
    try {
      eventBus.registerDefaultCodec(LoadJob.class, new LoadJobCodec());
      eventBus.registerDefaultCodec(LoadResult.class, new LoadResultCodec());
      eventBus.registerDefaultCodec(StoreJob.class, new StoreJobCodec());
      eventBus.registerDefaultCodec(StoreResult.class, new StoreResultCodec());
    } catch (IllegalStateException alreadyRegistered) {
      // Several verticles of one process share the event bus; the first one registered the codecs.
    }
  }
}
