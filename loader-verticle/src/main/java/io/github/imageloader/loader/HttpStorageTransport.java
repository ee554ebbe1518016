package io.github.imageloader.loader;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The non-blocking transport: the GCS JSON API over the loader's pooled keep-alive {@link WebClient}
 * ({@code GET /download/storage/v1/b/{bucket}/o/{object}?alt=media}), crc32c checked from {@code x-goog-hash}.
 */
final class HttpStorageTransport implements StorageTransport {

  private final WebClient client;
  private final HttpObjectDownload downloads;
  private final String endpoint;
  private final AccessTokenSource tokens;
  private final long attemptTimeoutMs;

  HttpStorageTransport(WebClient client, HttpObjectDownload downloads, String endpoint, AccessTokenSource tokens,
                       long attemptTimeoutMs) {
    this.client = client;
    this.downloads = downloads;
    this.endpoint = endpoint;
    this.tokens = tokens;
    this.attemptTimeoutMs = attemptTimeoutMs;
  }

  @Override
  public Future<StoredObject> fetch(String bucket, String objectName, long deadlineEpochMs) {
    String url = endpoint + "/download/storage/v1/b/" + encode(bucket) + "/o/" + encode(objectName) + "?alt=media";
    String what = "gs://" + bucket + "/" + objectName;
    return tokens.token().compose(token -> downloads.get(url, token, what, deadlineEpochMs));
  }

  @Override
  public Future<Void> probe(String bucket, long deadlineEpochMs) {
    String what = "bucket " + bucket;
    // Listing one object needs only what loading needs (objects.list/get), unlike bucket metadata (buckets.get).
    return authorized(client.getAbs(endpoint + "/storage/v1/b/" + encode(bucket) + "/o?maxResults=1"))
      .compose(request -> request.timeout(Math.max(1, Math.min(attemptTimeoutMs, deadlineEpochMs - System.currentTimeMillis()))).send())
      .recover(error -> Future.failedFuture(UpstreamException.classify(error, what)))
      .compose(response -> response.statusCode() == 200
        ? Future.succeededFuture()
        : Future.failedFuture(UpstreamException.ofStatus(response.statusCode(), what)));
  }

  private Future<HttpRequest<Buffer>> authorized(HttpRequest<Buffer> request) {
    return tokens.token().map(token -> token == null ? request : request.bearerTokenAuthentication(token));
  }

  /** Encodes a whole object name as one path segment, so {@code /} becomes {@code %2F} as the JSON API wants. */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String name() {
    return "http";
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
