package io.github.imageloader.loader;

import io.github.imageloader.contract.HeldBytes;
import io.github.imageloader.contract.LoadFailure;

import java.security.cert.CertificateException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * A storage request that failed, classified: what the api should answer, whether another attempt may
 * succeed, and a short cause label for metrics ({@code http_503}, {@code connection}, {@code checksum} …).
 */
final class UpstreamException extends RuntimeException {

  private final LoadFailure failure;
  private final String cause;
  private final boolean retryable;
  private final String detail;

  /** @param message what the api's caller may see: no internal host names, addresses or exception classes */
  UpstreamException(LoadFailure failure, String cause, boolean retryable, String message) {
    this(failure, cause, retryable, message, null);
  }

  /** @param detail what only the loader's log may see (e.g. the client library's message, with endpoints) */
  UpstreamException(LoadFailure failure, String cause, boolean retryable, String message, String detail) {
    super(message, null, false, false);
    this.failure = failure;
    this.cause = cause;
    this.retryable = retryable;
    this.detail = detail;
  }

  /** Internal detail for the log, or {@code null}. */
  String detail() {
    return detail;
  }

  LoadFailure failure() {
    return failure;
  }

  String causeLabel() {
    return cause;
  }

  boolean retryable() {
    return retryable;
  }

  /**
   * A transient failure that ran into the deadline is a deadline failure (504), not a storage error (502).
   *
   * @param doing what was being done, for the message: "loading photos/a.jpg"
   */
  UpstreamException deadlineIfPassed(long deadlineEpochMs, String doing) {
    if (!retryable || System.currentTimeMillis() < deadlineEpochMs) {
      return this;
    }
    return new UpstreamException(LoadFailure.DEADLINE_EXCEEDED, cause, false,
      "deadline passed while " + doing + "; last attempt: " + getMessage());
  }

  /** Classifies a storage response status that is not a success. */
  static UpstreamException ofStatus(int status, String what) {
    return switch (status) {
      case 404 -> new UpstreamException(LoadFailure.NOT_FOUND, "http_404", false, what + " not found");
      case 401, 403 -> new UpstreamException(LoadFailure.ACCESS_DENIED, "http_" + status, false,
        "storage refused access to " + what + " (HTTP " + status + ")");
      case 408, 429 -> new UpstreamException(LoadFailure.UPSTREAM_ERROR, "http_" + status, true,
        "storage answered HTTP " + status + " for " + what);
      default -> new UpstreamException(LoadFailure.UPSTREAM_ERROR, "http_" + status, status >= 500,
        "storage answered HTTP " + status + " for " + what);
    };
  }

  /** Keeps a classified failure as it is; a timeout or any other error is a (retryable) connection failure. */
  static UpstreamException classify(Throwable error, String what) {
    if (error instanceof UpstreamException upstream) {
      return upstream;
    }
    if (error instanceof TimeoutException) {
      return timeout(what);
    }
    return connection(what, error);
  }

  static UpstreamException connection(String what, Throwable cause) {
    if (isTlsRefusal(cause)) {
      return new UpstreamException(LoadFailure.STORAGE_TLS, "tls", false,
        "TLS handshake with storage failed for " + what + ": its certificate is not trusted or not valid for its host name",
        describe(cause));
    }
    return new UpstreamException(LoadFailure.UPSTREAM_ERROR, "connection", true,
      "connection to storage failed for " + what, describe(cause));
  }

  static UpstreamException timeout(String what) {
    return new UpstreamException(LoadFailure.UPSTREAM_ERROR, "timeout", true, "storage did not answer in time for " + what);
  }

  static UpstreamException checksumMismatch(String what, String expected, String actual) {
    return new UpstreamException(LoadFailure.CHECKSUM_MISMATCH, "checksum", true,
      "checksum mismatch for " + what + ": storage said crc32c=" + expected + ", received bytes have crc32c=" + actual);
  }

  /** The object was replaced while it was being read: its copies (or a copy and its resumed rest) would not match. */
  static UpstreamException generationChanged(String what) {
    return new UpstreamException(LoadFailure.UPSTREAM_ERROR, "generation_changed", true,
      what + " changed in storage while it was being read");
  }

  /** Storage answered a resumed read with other bytes than the rest of the object from where it stopped. */
  static UpstreamException badResume(String what) {
    return new UpstreamException(LoadFailure.UPSTREAM_ERROR, "bad_resume", true,
      "storage answered a resumed read of " + what + " with the wrong range");
  }

  /** Every pooled storage connection stayed busy until the deadline: the loader is overloaded, storage may be fine. */
  static UpstreamException poolWait(String what) {
    return new UpstreamException(LoadFailure.DEADLINE_EXCEEDED, "pool_wait", false,
      "no storage connection became free before the deadline for " + what + " (the loader is overloaded)");
  }

  /** The node holds as many wanted image bytes as {@code MAX_BYTES_IN_FLIGHT} allows; retrying at once would not help. */
  static UpstreamException bytesInFlight(String what) {
    return new UpstreamException(LoadFailure.BYTES_IN_FLIGHT, "bytes_in_flight", false,
      HeldBytes.refusal(what));
  }

  static UpstreamException deadline(String what) {
    return new UpstreamException(LoadFailure.DEADLINE_EXCEEDED, "deadline", false, "deadline passed while loading " + what);
  }

  /**
   * A handshake refused over the peer's certificate (untrusted, expired, or for another host name). A connection
   * merely cut during a handshake is an {@code SSLException}, not this, and stays a retryable connection failure.
   */
  static boolean isTlsRefusal(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SSLHandshakeException || t instanceof CertificateException || t instanceof SSLPeerUnverifiedException) {
        return true;
      }
    }
    return false;
  }

  /** For the log only: messages of network errors name internal hosts and addresses. */
  static String describe(Throwable t) {
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
