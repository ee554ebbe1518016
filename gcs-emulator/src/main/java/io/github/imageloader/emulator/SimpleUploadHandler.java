package io.github.imageloader.emulator;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Single-request uploads: {@code uploadType=multipart} (JSON metadata part + media part) and
 * {@code uploadType=media&name=...}. Gzip request bodies arrive already inflated by the server.
 */
final class SimpleUploadHandler {

  private final ObjectStore store;
  private final EmulatorStats stats;

  SimpleUploadHandler(ObjectStore store, EmulatorStats stats) {
    this.store = store;
    this.stats = stats;
  }

  Future<Void> multipart(HttpServerRequest request, String bucket) {
    String contentType = request.getHeader("Content-Type");
    return request
        .body()
        .compose(
            body -> {
              List<MultipartRelated.Part> parts = MultipartRelated.parse(contentType, body);
              if (parts.size() != 2) {
                throw GcsException.badRequest(
                    "Multipart upload needs exactly 2 parts (metadata, media), got "
                        + parts.size());
              }
              JsonObject resource = parseResource(parts.get(0).content());
              MultipartRelated.Part media = parts.get(1);
              String name = resource.getString("name", request.getParam("name"));
              String mediaType =
                  media.contentType() != null ? media.contentType() : ContentTypes.DEFAULT;
              return store(
                  request,
                  new ObjectPath(bucket, name),
                  media.content(),
                  UploadMetadata.fromResource(resource, mediaType));
            });
  }

  Future<Void> media(HttpServerRequest request, String bucket) {
    String name = request.getParam("name");
    String contentType = request.getHeader("Content-Type");
    return request
        .body()
        .compose(
            body ->
                store(
                    request,
                    new ObjectPath(bucket, name),
                    body,
                    UploadMetadata.of(contentType != null ? contentType : ContentTypes.DEFAULT)));
  }

  private Future<Void> store(
      HttpServerRequest request, ObjectPath path, Buffer content, UploadMetadata upload) {
    GenerationPreconditions preconditions = GenerationPreconditions.fromQuery(request.params());
    return store
        .put(path, content, upload, preconditions)
        .compose(
            object -> {
              stats.upload();
              return JsonResponses.ok(
                  request.response(), ResourceJson.object(object, RequestUrls.baseUrl(request)));
            });
  }

  static JsonObject parseResource(Buffer json) {
    if (json.length() == 0) {
      return new JsonObject();
    }
    try {
      return json.toJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw GcsException.badRequest("Invalid JSON object resource");
    }
  }
}
