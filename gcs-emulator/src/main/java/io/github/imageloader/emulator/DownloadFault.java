package io.github.imageloader.emulator;

/**
 * What to do to one media download. {@code errorStatus} is set only for {@link FaultKind#ERROR};
 * the body-shaping faults (truncate, corrupt, bandwidth, stall) can combine.
 *
 * @param stallMs how long the body stops halfway through, 0 for no stall
 */
public record DownloadFault(
    int errorStatus, boolean reset, boolean truncate, boolean corrupt, long bandwidthBytesPerSec,
    long stallMs) {

  public static final DownloadFault NONE = new DownloadFault(0, false, false, false, 0, 0);

  public boolean isError() {
    return errorStatus > 0;
  }

  /** Whether the body must be served from memory instead of zero-copy sendfile. */
  public boolean shapesBody() {
    return truncate || corrupt || bandwidthBytesPerSec > 0 || stallMs > 0;
  }
}
