package io.github.imageloader.emulator;

/**
 * Thrown by a {@link SignedUrlVerifier} to refuse a request; rendered as an XML API error.
 *
 * @see GcsException
 */
public final class SignedUrlRejection extends Exception {

  private final int status;
  private final String code;

  /**
   * @param status e.g. 403, or 400 for an expired URL
   * @param code XML API error code, e.g. {@code SignatureDoesNotMatch} or {@code ExpiredToken}
   */
  public SignedUrlRejection(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  public static SignedUrlRejection signatureDoesNotMatch(String message) {
    return new SignedUrlRejection(403, "SignatureDoesNotMatch", message);
  }

  GcsException toGcsException() {
    return new GcsException(status, "forbidden", code, getMessage());
  }
}
