package io.github.imageloader.contract;

import java.util.Arrays;

/**
 * Why a {@link LoadJob} failed. Travels as the failure code of a
 * {@link io.vertx.core.eventbus.ReplyException}; the api maps it to an HTTP status.
 */
public enum LoadFailure {
  NOT_FOUND(1, 404, "not_found"),
  URL_NOT_ALLOWED(2, 400, "url_not_allowed"),
  ACCESS_DENIED(3, 502, "storage_access_denied"),
  CHECKSUM_MISMATCH(4, 502, "checksum_mismatch"),
  UPSTREAM_ERROR(5, 502, "storage_error"),
  DEADLINE_EXCEEDED(6, 504, "deadline_exceeded"),
  BAD_JOB(7, 400, "bad_job"),
  SIGNED_URL_REJECTED(8, 403, "signed_url_rejected"),
  STORAGE_UNAVAILABLE(9, 503, "storage_unavailable"),
  /** The node's {@link HeldBytes} budget has no room for the object's bytes right now. */
  BYTES_IN_FLIGHT(10, 503, "bytes_in_flight_exceeded"),
  /** The loader is at its adaptive job limit: the api may send the job to another loader, or sheds the batch. */
  LOADER_OVERLOADED(11, 503, "overloaded"),
  /** Storage's TLS certificate was not trusted, or not valid for its host name: no retry can help. */
  STORAGE_TLS(12, 502, "storage_tls_error");

  private final int code;
  private final int httpStatus;
  private final String errorCode;

  LoadFailure(int code, int httpStatus, String errorCode) {
    this.code = code;
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  /** The event-bus failure code. */
  public int code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The {@code error} value of the JSON error body. */
  public String errorCode() {
    return errorCode;
  }

  /** The failure for an event-bus failure code, or {@link #UPSTREAM_ERROR} for an unknown one. */
  public static LoadFailure ofCode(int code) {
    return Arrays.stream(values()).filter(f -> f.code == code).findFirst().orElse(UPSTREAM_ERROR);
  }
}
