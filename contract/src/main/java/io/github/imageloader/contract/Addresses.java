package io.github.imageloader.contract;

/** Event-bus addresses shared by the api and loader roles. */
public final class Addresses {

  /** Per-image load jobs: one {@link LoadJob} in, one {@link LoadResult} or a {@link LoadFailure} back. */
  public static final String IMAGES_LOAD = "images.load";

  /**
   * Image uploads: one {@link StoreJob} in (the bytes, raw), one {@link StoreResult} or a {@link LoadFailure} back.
   * Stores are create-only ({@code ifGenerationMatch=0}), so a job sent again cannot overwrite anything.
   */
  public static final String IMAGES_STORE = "images.store";

  /** Readiness probes for this node's own loaders only (a local consumer: never answered by another node). */
  public static final String LOADER_PROBE_LOCAL = "images.probe.local";

  private Addresses() {
  }
}
