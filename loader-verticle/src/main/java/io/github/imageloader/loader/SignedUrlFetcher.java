package io.github.imageloader.loader;

import io.github.imageloader.contract.LoadFailure;
import io.github.imageloader.contract.SignedUrls;
import io.github.imageloader.contract.UrlAllowList;
import io.vertx.core.Future;

/**
 * Fetches caller-supplied (signed) URLs through the loader's pooled client, so they ride on kept-alive
 * connections instead of a new TCP and TLS handshake per URL (the study's round 5). Only allow-listed
 * hosts are contacted and redirects are never followed.
 */
final class SignedUrlFetcher {

  private final HttpObjectDownload downloads;
  private final UrlAllowList allowList;

  SignedUrlFetcher(HttpObjectDownload downloads, UrlAllowList allowList) {
    this.downloads = downloads;
    this.allowList = allowList;
  }

  Future<StoredObject> fetch(String url, long deadlineEpochMs) {
    String refusal = allowList.refusal(url);
    if (refusal != null) {
      return Future.failedFuture(new UpstreamException(LoadFailure.URL_NOT_ALLOWED, "url_not_allowed", false,
        "refused to fetch " + SignedUrls.withoutQuery(url) + ": " + refusal));
    }
    String what = "signed URL " + SignedUrls.withoutQuery(url);
    return downloads.get(url, null, what, deadlineEpochMs)
      .recover(error -> Future.failedFuture(rejectedSignature(error)
        ? new UpstreamException(LoadFailure.SIGNED_URL_REJECTED, ((UpstreamException) error).causeLabel(), false,
        "storage refused the " + what + " (expired or wrongly signed)")
        : error));
  }

  /** GCS answers 403 SignatureDoesNotMatch or AccessDenied, and 400 ExpiredToken or MalformedSecurityHeader. */
  private static boolean rejectedSignature(Throwable error) {
    return error instanceof UpstreamException upstream
      && (upstream.causeLabel().equals("http_400") || upstream.causeLabel().equals("http_401")
      || upstream.causeLabel().equals("http_403"));
  }
}
