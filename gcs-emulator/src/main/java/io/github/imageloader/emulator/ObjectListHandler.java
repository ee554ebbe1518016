package io.github.imageloader.emulator;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@code objects.list} with prefix, delimiter, maxResults, pageToken, startOffset, endOffset. */
final class ObjectListHandler {

  static final int MAX_RESULTS = 1000;

  private final ObjectStore store;
  private final LatencyTimer latency;
  private final EmulatorStats stats;

  ObjectListHandler(ObjectStore store, LatencyTimer latency, EmulatorStats stats) {
    this.store = store;
    this.latency = latency;
    this.stats = stats;
  }

  Future<Void> handle(HttpServerRequest request, String bucket) {
    stats.listRequest();
    ObjectListing.Query query =
        new ObjectListing.Query(
            request.getParam("prefix", ""),
            emptyToNull(request.getParam("delimiter")),
            maxResults(request.getParam("maxResults")),
            emptyToNull(request.getParam("pageToken")),
            emptyToNull(request.getParam("startOffset")),
            emptyToNull(request.getParam("endOffset")));
    String baseUrl = RequestUrls.baseUrl(request);
    return latency
        .delay()
        .compose(v -> store.listNames(bucket, query.prefix()))
        .compose(
            names -> {
              ObjectListing.Page page = ObjectListing.page(names, query);
              List<Future<ObjectMetadata>> items = new ArrayList<>();
              for (String name : page.items()) {
                // An object deleted since the listing is skipped, not an error.
                items.add(
                    store.stat(new ObjectPath(bucket, name)).otherwise((ObjectMetadata) null));
              }
              return Future.all(items)
                  .compose(
                      all -> {
                        JsonObject body = new JsonObject().put("kind", "storage#objects");
                        JsonArray itemsJson = new JsonArray();
                        all.<ObjectMetadata>list().stream()
                            .filter(Objects::nonNull)
                            .forEach(o -> itemsJson.add(ResourceJson.object(o, baseUrl)));
                        if (!itemsJson.isEmpty()) {
                          body.put("items", itemsJson);
                        }
                        if (!page.prefixes().isEmpty()) {
                          body.put("prefixes", new JsonArray(new ArrayList<>(page.prefixes())));
                        }
                        if (page.nextPageToken() != null) {
                          body.put("nextPageToken", page.nextPageToken());
                        }
                        return JsonResponses.ok(request.response(), body);
                      });
            });
  }

  private static int maxResults(String value) {
    if (value == null || value.isEmpty()) {
      return MAX_RESULTS;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed <= 0) {
        throw GcsException.badRequest("maxResults must be positive");
      }
      return Math.min(parsed, MAX_RESULTS);
    } catch (NumberFormatException e) {
      throw GcsException.badRequest("Invalid maxResults: " + value);
    }
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
