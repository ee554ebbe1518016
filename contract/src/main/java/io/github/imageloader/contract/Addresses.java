package io.github.imageloader.contract;

/** Event-bus addresses shared by the api and loader roles. */
public final class Addresses {

  /** Per-image load jobs: one {@link LoadJob} in, one {@link LoadResult} or a {@link LoadFailure} back. */
  public static final String IMAGES_LOAD = "images.load";

  private Addresses() {
  }
}
