package io.github.imageloader.loader;

import io.github.imageloader.contract.HeldBytes;
import io.github.imageloader.contract.LoadFailure;
import io.github.imageloader.contract.SignedUrls;
import io.github.imageloader.contract.UrlAllowList;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Fetches caller-supplied (signed) URLs through the loader's pooled client, so they ride on kept-alive
 * connections instead of a new TCP and TLS handshake per URL (the study's round 5).
 * <p>
 * SSRF guard: only allow-listed hosts; the host is resolved here, every address it resolves to is checked
 * against the private-address policy, and the connection goes to the checked address (so a DNS answer
 * that changes between check and connect cannot redirect it); redirects are never followed and answer
 * {@code url_not_allowed}.
 */
final class SignedUrlFetcher {

  private final Vertx vertx;
  private final HttpObjectDownload downloads;
  private final HttpObjectDownload pinnedDownloads;
  private final UrlAllowList allowList;

  /**
   * @param downloads       for URLs whose host is an IP literal (its own address)
   * @param pinnedDownloads for URLs whose host is a name: connected to the checked address, the name as TLS SNI
   */
  SignedUrlFetcher(Vertx vertx, HttpObjectDownload downloads, HttpObjectDownload pinnedDownloads, UrlAllowList allowList) {
    this.vertx = vertx;
    this.downloads = downloads;
    this.pinnedDownloads = pinnedDownloads;
    this.allowList = allowList;
  }

  /** @param keepBytes where to count the bytes when the caller wants them, or {@code null} to only verify them */
  Future<StoredObject> fetch(String url, HeldBytes keepBytes, long deadlineEpochMs) {
    String what = "signed URL " + SignedUrls.withoutQuery(url);
    UrlAllowList.Decision decision = allowList.check(url);
    if (!decision.allowed()) {
      return Future.failedFuture(notAllowed(url, decision.refusal()));
    }
    UrlAllowList.Target target = decision.target();
    return resolve(target)
      .compose(addresses -> {
        String refusal = allowList.refusal(target, addresses);
        if (refusal != null) {
          return Future.failedFuture(notAllowed(url, refusal));
        }
        SocketAddress server = SocketAddress.inetSocketAddress(new InetSocketAddress(addresses.get(0), target.port()));
        // The URL's host stays in the Host header, TLS SNI and the certificate check; only the address is pinned.
        HttpObjectDownload via = target.literal() != null ? downloads : pinnedDownloads;
        return via.get(new ReadTarget(url, null, server, false, target.host()), what, deadlineEpochMs, keepBytes);
      })
      .recover(error -> Future.failedFuture(classify(error, url, what)));
  }

  /** A literal is its own address; a name is resolved off the event loop with the JVM's resolver (and its cache). */
  private Future<List<InetAddress>> resolve(UrlAllowList.Target target) {
    if (target.literal() != null) {
      return Future.succeededFuture(List.of(target.literal()));
    }
    return vertx.executeBlocking(() -> {
      try {
        return List.of(InetAddress.getAllByName(target.host()));
      } catch (UnknownHostException e) {
        throw new UpstreamException(LoadFailure.UPSTREAM_ERROR, "dns", true, "could not resolve the host of " + target.host());
      }
    }, false);
  }

  private static UpstreamException notAllowed(String url, String refusal) {
    return new UpstreamException(LoadFailure.URL_NOT_ALLOWED, "url_not_allowed", false,
      "refused to fetch " + SignedUrls.withoutQuery(url) + ": " + refusal);
  }

  private static Throwable classify(Throwable error, String url, String what) {
    if (!(error instanceof UpstreamException upstream)) {
      return error;
    }
    String cause = upstream.causeLabel();
    if (cause.matches("http_3\\d\\d")) {
      return new UpstreamException(LoadFailure.URL_NOT_ALLOWED, "redirect", false,
        "refused to fetch " + SignedUrls.withoutQuery(url) + ": it answered with a redirect (HTTP "
          + cause.substring(5) + "), and redirects are never followed");
    }
    // GCS answers 403 SignatureDoesNotMatch or AccessDenied, and 400 ExpiredToken or MalformedSecurityHeader.
    if (cause.equals("http_400") || cause.equals("http_401") || cause.equals("http_403")) {
      return new UpstreamException(LoadFailure.SIGNED_URL_REJECTED, cause, false,
        "storage refused the " + what + " (expired or wrongly signed)");
    }
    return error;
  }
}
