package io.github.imageloader.loader;

import io.github.imageloader.contract.HeldBytes;
import io.github.imageloader.contract.LoadFailure;
import io.vertx.core.Future;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The non-blocking transport: the GCS JSON API over the loader's pooled keep-alive {@link WebClient}
 * ({@code GET /download/storage/v1/b/{bucket}/o/{object}?alt=media}), crc32c checked from {@code x-goog-hash}.
 * Uploads are JSON API multipart uploads ({@code uploadType=multipart&ifGenerationMatch=0}) whose metadata part
 * carries the crc32c, so storage refuses bytes that arrived damaged.
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
  public Future<StoredObject> fetch(String bucket, String objectName, HeldBytes keepBytes, long deadlineEpochMs) {
    String url = endpoint + "/download/storage/v1/b/" + encode(bucket) + "/o/" + encode(objectName) + "?alt=media";
    String what = "gs://" + bucket + "/" + objectName;
    return tokens.token().compose(token -> downloads.get(new ReadTarget(url, token, null, true, bucket), what,
      deadlineEpochMs, keepBytes));
  }

  @Override
  public Future<ObjectInfo> store(String bucket, String objectName, String contentType, Map<String, String> metadata,
                                  Buffer data, String crc32c, long deadlineEpochMs) {
    String what = "gs://" + bucket + "/" + objectName;
    long limit = limit(deadlineEpochMs);
    if (limit <= 0) {
      return Future.failedFuture(UpstreamException.deadline(what));
    }
    JsonObject resource = new JsonObject().put("name", objectName).put("contentType", contentType).put("crc32c", crc32c);
    if (!metadata.isEmpty()) {
      JsonObject custom = new JsonObject();
      metadata.forEach(custom::put);
      resource.put("metadata", custom);
    }
    String boundary = "upload-" + UUID.randomUUID();
    Buffer head = Buffer.buffer(512)
      .appendString("--" + boundary + "\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n")
      .appendBuffer(resource.toBuffer())
      .appendString("\r\n--" + boundary + "\r\nContent-Type: " + contentType + "\r\n\r\n");
    Buffer tail = Buffer.buffer("\r\n--" + boundary + "--\r\n");
    // The upload's bytes go out as they are, between the two small parts, not copied into one body.
    Buffer body = BufferInternal.buffer(Unpooled.wrappedBuffer(byteBuf(head), byteBuf(data), byteBuf(tail)));
    String url = endpoint + "/upload/storage/v1/b/" + encode(bucket) + "/o?uploadType=multipart&ifGenerationMatch=0";
    return authorized(client.postAbs(url))
      .compose(request -> request.timeout(limit)
        .putHeader("Content-Type", "multipart/related; boundary=" + boundary)
        .sendBuffer(body))
      .recover(error -> Future.failedFuture(UpstreamException.classify(error, what)))
      .compose(response -> response.statusCode() == 200
        ? Future.succeededFuture(info(response.bodyAsJsonObject(), what))
        : Future.failedFuture(UpstreamException.ofStatus(response.statusCode(), what)));
  }

  @Override
  public Future<ObjectInfo> stat(String bucket, String objectName, long deadlineEpochMs) {
    String what = "gs://" + bucket + "/" + objectName;
    long limit = limit(deadlineEpochMs);
    if (limit <= 0) {
      return Future.failedFuture(UpstreamException.deadline(what));
    }
    return authorized(client.getAbs(endpoint + "/storage/v1/b/" + encode(bucket) + "/o/" + encode(objectName)))
      .compose(request -> request.timeout(limit).send())
      .recover(error -> Future.failedFuture(UpstreamException.classify(error, what)))
      .compose(response -> response.statusCode() == 200
        ? Future.succeededFuture(info(response.bodyAsJsonObject(), what))
        : Future.failedFuture(UpstreamException.ofStatus(response.statusCode(), what)));
  }

  private static ByteBuf byteBuf(Buffer buffer) {
    return ((BufferInternal) buffer).getByteBuf();
  }

  /** The JSON API writes size and generation as strings (they are 64-bit). */
  private static ObjectInfo info(JsonObject resource, String what) {
    try {
      return new ObjectInfo(Long.parseLong(resource.getString("size")), resource.getString("crc32c"),
        Long.parseLong(resource.getString("generation")));
    } catch (RuntimeException e) {
      throw new UpstreamException(LoadFailure.UPSTREAM_ERROR, "bad_response", false,
        "storage answered an unreadable object resource for " + what);
    }
  }

  private long limit(long deadlineEpochMs) {
    return Math.min(attemptTimeoutMs, deadlineEpochMs - System.currentTimeMillis());
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

  @Override
  public Future<List<String>> sample(String bucket, String prefix, int max, long deadlineEpochMs) {
    String what = "bucket " + bucket;
    return authorized(client.getAbs(endpoint + "/storage/v1/b/" + encode(bucket) + "/o?prefix=" + encode(prefix)
        + "&maxResults=" + max + "&fields=items(name)"))
      .compose(request -> request.timeout(Math.max(1, Math.min(attemptTimeoutMs, deadlineEpochMs - System.currentTimeMillis()))).send())
      .recover(error -> Future.failedFuture(UpstreamException.classify(error, what)))
      .compose(response -> response.statusCode() == 200
        ? Future.succeededFuture(names(response.bodyAsJsonObject()))
        : Future.failedFuture(UpstreamException.ofStatus(response.statusCode(), what)));
  }

  private static List<String> names(JsonObject listing) {
    JsonArray items = listing.getJsonArray("items", new JsonArray());
    return items.stream().map(item -> ((JsonObject) item).getString("name")).toList();
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
