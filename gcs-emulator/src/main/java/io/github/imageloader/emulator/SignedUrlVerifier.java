package io.github.imageloader.emulator;

/**
 * Decides whether an XML API request (the kind a signed URL produces) may proceed. The
 * {@code signedUrlKeyFile} config key installs a {@link V4SignatureVerifier}; any other check can
 * be plugged in via {@link GcsEmulatorVerticle#GcsEmulatorVerticle(SignedUrlVerifier)}.
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
