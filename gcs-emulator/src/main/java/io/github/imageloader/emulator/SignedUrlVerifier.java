package io.github.imageloader.emulator;

/**
 * Decides whether an XML API request (the kind a signed URL produces) may proceed. Plug in a real
 * V4 signature check via {@link GcsEmulatorVerticle#GcsEmulatorVerticle(SignedUrlVerifier)}.
 */
@FunctionalInterface
public interface SignedUrlVerifier {

  /**
   * Runs on the event loop, so it must not block.
   *
   * @throws SignedUrlRejection to refuse the request
   */
  void verify(SignedUrlRequest request) throws SignedUrlRejection;

  static SignedUrlVerifier acceptAll() {
    return request -> {};
  }
}
