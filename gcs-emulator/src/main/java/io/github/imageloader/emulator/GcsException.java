package io.github.imageloader.emulator;

/**
 * A request failure that maps to a GCS-shaped error response. {@code reason} is the JSON API
 * reason ({@code notFound}, {@code invalid}, ...); {@code xmlCode} is the XML API error code.
 */
public final class GcsException extends RuntimeException {

  private final int status;
  private final String reason;
  private final String xmlCode;

  public GcsException(int status, String reason, String xmlCode, String message) {
    super(message, null, false, false);
    this.status = status;
    this.reason = reason;
    this.xmlCode = xmlCode;
  }

  public static GcsException noSuchObject(String bucket, String name) {
    return new GcsException(404, "notFound", "NoSuchKey", "No such object: " + bucket + "/" + name);
  }

  public static GcsException noSuchBucket(String bucket) {
    return new GcsException(
        404, "notFound", "NoSuchBucket", "The specified bucket does not exist: " + bucket);
  }

  public static GcsException notFound(String message) {
    return new GcsException(404, "notFound", "NotFound", message);
  }

  public static GcsException badRequest(String message) {
    return new GcsException(400, "invalid", "InvalidArgument", message);
  }

  public static GcsException methodNotAllowed(String message) {
    return new GcsException(405, "methodNotAllowed", "MethodNotAllowed", message);
  }

  public static GcsException conflict(String message) {
    return new GcsException(409, "conflict", "Conflict", message);
  }

  public static GcsException preconditionFailed(String message) {
    return new GcsException(412, "conditionNotMet", "PreconditionFailed", message);
  }

  public static GcsException rangeNotSatisfiable(String message) {
    return new GcsException(416, "requestedRangeNotSatisfiable", "InvalidRange", message);
  }

  public static GcsException injected(int status) {
    return new GcsException(
        status, reasonFor(status), xmlCodeFor(status), "Injected fault: HTTP " + status);
  }

  public int status() {
    return status;
  }

  public String reason() {
    return reason;
  }

  public String xmlCode() {
    return xmlCode;
  }

  private static String reasonFor(int status) {
    return switch (status) {
      case 400 -> "invalid";
      case 401 -> "required";
      case 403 -> "forbidden";
      case 404 -> "notFound";
      case 408 -> "requestTimeout";
      case 429 -> "rateLimitExceeded";
      case 502 -> "badGateway";
      case 503 -> "serviceUnavailable";
      case 504 -> "gatewayTimeout";
      default -> "backendError";
    };
  }

  private static String xmlCodeFor(int status) {
    return switch (status) {
      case 408 -> "RequestTimeout";
      case 429 -> "SlowDown";
      case 503 -> "ServiceUnavailable";
      default -> status >= 500 ? "InternalError" : "InvalidRequest";
    };
  }
}
