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

  /** Every loader publishes its {@link LoaderAnnouncement} here, periodically and when it starts or stops serving. */
  public static final String LOADERS_ANNOUNCE = "loaders.announce";

  /** An api that starts publishes here, and every loader answers by announcing itself at once. */
  public static final String LOADERS_DISCOVER = "loaders.discover";

  /** This node's cluster manager saw a member leave: the body is the member's node id (a local consumer). */
  public static final String MEMBER_LEFT_LOCAL = "cluster.member.left.local";

  /** The address one loader (one verticle instance) takes load jobs on, besides the shared {@value #IMAGES_LOAD}. */
  public static String loader(String loaderId) {
    return IMAGES_LOAD + ".loader." + loaderId;
  }

  /** The address one loader takes uploads on, besides the shared {@value #IMAGES_STORE}. */
  public static String loaderStore(String loaderId) {
    return IMAGES_STORE + ".loader." + loaderId;
  }

  private Addresses() {
  }
}
