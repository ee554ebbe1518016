package io.github.imageloader.emulator;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** {@code buckets.get}, {@code buckets.list} and {@code buckets.insert}: a bucket is a directory. */
final class BucketHandler {

  private final ObjectStore store;

  BucketHandler(ObjectStore store) {
    this.store = store;
  }

  Future<Void> get(HttpServerRequest request, String bucket) {
    ObjectPath.validateBucket(bucket);
    return store
        .bucketCreated(bucket)
        .compose(
            created ->
                JsonResponses.ok(
                    request.response(),
                    ResourceJson.bucket(bucket, created, RequestUrls.baseUrl(request))));
  }

  Future<Void> list(HttpServerRequest request) {
    String baseUrl = RequestUrls.baseUrl(request);
    return store
        .listBuckets()
        .compose(
            buckets -> {
              JsonArray items = new JsonArray();
              Future<Void> chain = Future.succeededFuture();
              for (String bucket : buckets) {
                chain =
                    chain.compose(
                        v ->
                            store
                                .bucketCreated(bucket)
                                .map(created -> {
                                  items.add(ResourceJson.bucket(bucket, created, baseUrl));
                                  return null;
                                }));
              }
              return chain.compose(
                  v ->
                      JsonResponses.ok(
                          request.response(),
                          new JsonObject().put("kind", "storage#buckets").put("items", items)));
            });
  }

  Future<Void> create(HttpServerRequest request) {
    return request
        .body()
        .compose(
            body -> {
              String name;
              try {
                name = body.length() == 0 ? null : body.toJsonObject().getString("name");
              } catch (DecodeException | ClassCastException e) {
                throw GcsException.badRequest("Invalid bucket resource");
              }
              if (name == null) {
                throw GcsException.badRequest("Bucket name is required");
              }
              return store
                  .createBucket(name)
                  .compose(
                      created ->
                          JsonResponses.ok(
                              request.response(),
                              ResourceJson.bucket(name, created, RequestUrls.baseUrl(request))));
            });
  }
}
