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

  /** What GCS answers an anonymous (unsigned) request for a private object. */
  public static SignedUrlRejection accessDenied(String message) {
    return new SignedUrlRejection(403, "AccessDenied", message);
  }

  public static SignedUrlRejection expiredToken(String message) {
    return new SignedUrlRejection(400, "ExpiredToken", message);
  }

  /** A signing parameter that cannot be parsed or is out of range. */
  public static SignedUrlRejection malformedSecurityHeader(String message) {
    return new SignedUrlRejection(400, "MalformedSecurityHeader", message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  GcsException toGcsException() {
    return new GcsException(status, status == 400 ? "invalid" : "forbidden", code, getMessage());
  }
}
