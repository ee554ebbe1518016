package io.github.imageloader.emulator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * JSON API resumable uploads: POST starts a session (Location header carries {@code upload_id}),
 * PUTs append chunks (308 + Range until the total is reached), the last one returns the object.
 */
final class ResumableUploadHandler {

  /** A finished session still answers re-sent final chunks for a while, like GCS does. */
  private static final long FINISHED_SESSION_TTL_MS = 10 * 60 * 1000;

  private final Vertx vertx;
  private final ObjectStore store;
  private final EmulatorStats stats;
  private final Map<String, ResumableSession> sessions = new HashMap<>();

  ResumableUploadHandler(Vertx vertx, ObjectStore store, EmulatorStats stats) {
    this.vertx = vertx;
    this.store = store;
    this.stats = stats;
  }

  Future<Void> start(HttpServerRequest request, String bucket) {
    String uploadContentType = request.getHeader("X-Upload-Content-Type");
    GenerationPreconditions preconditions = GenerationPreconditions.fromQuery(request.params());
    return request
        .body()
        .compose(
            body -> {
              JsonObject resource = SimpleUploadHandler.parseResource(body);
              String name = resource.getString("name", request.getParam("name"));
              ObjectPath path = new ObjectPath(bucket, name);
              UploadMetadata upload =
                  UploadMetadata.fromResource(
                      resource,
                      uploadContentType != null ? uploadContentType : ContentTypes.DEFAULT);
              return store
                  .bucketCreated(bucket)
                  .compose(created -> store.newStagingFile())
                  .compose(
                      staged -> {
                        String uploadId = UUID.randomUUID().toString().replace("-", "");
                        sessions.put(
                            uploadId,
                            new ResumableSession(uploadId, path, upload, preconditions, staged));
                        String location =
                            RequestUrls.baseUrl(request)
                                + "/upload/storage/v1/b/"
                                + bucket
                                + "/o?uploadType=resumable&name="
                                + PercentCodec.encode(name)
                                + "&upload_id="
                                + uploadId;
                        return request
                            .response()
                            .putHeader("Location", location)
                            .putHeader("X-GUploader-UploadID", uploadId)
                            .putHeader("Content-Length", "0")
                            .end();
                      });
            });
  }

  Future<Void> put(HttpServerRequest request, String uploadId) {
    ResumableSession session = sessions.get(uploadId);
    String rangeHeader = request.getHeader("Content-Range");
    return request
        .body()
        .compose(
            body -> {
              if (session == null) {
                throw GcsException.notFound("No such upload session: " + uploadId);
              }
              if (session.result != null) {
                return respondWithObject(request, session.result);
              }
              if (session.busy) {
                throw new GcsException(
                    503, "backendError", "ServiceUnavailable",
                    "Another request for this upload session is in progress");
              }
              ContentRange range =
                  rangeHeader == null
                      ? new ContentRange(0, body.length() - 1, body.length())
                      : ContentRange.parse(rangeHeader);
              session.busy = true;
              return accept(session, range, body)
                  .compose(v -> respond(request, session, range))
                  .onComplete(ar -> session.busy = false);
            });
  }

  Future<Void> cancel(HttpServerRequest request, String uploadId) {
    ResumableSession session = sessions.remove(uploadId);
    if (session == null) {
      return Future.failedFuture(GcsException.notFound("No such upload session: " + uploadId));
    }
    return store
        .discard(session.stagedFile)
        .compose(
            v ->
                request
                    .response()
                    .setStatusCode(499)
                    .setStatusMessage("Client Closed Request")
                    .end());
  }

  /** Persists the new part of the chunk; bytes already persisted (a re-sent chunk) are skipped. */
  private Future<Void> accept(ResumableSession session, ContentRange range, Buffer body) {
    if (!range.hasBytes()) {
      if (body.length() > 0) {
        throw GcsException.badRequest("Content-Range 'bytes */…' must come with an empty body");
      }
      return Future.succeededFuture();
    }
    if (range.length() != body.length()) {
      throw GcsException.badRequest(
          "Content-Range length " + range.length() + " does not match body length "
              + body.length());
    }
    if (range.first() > session.received) {
      throw GcsException.badRequest(
          "Chunk starts at " + range.first() + " but only " + session.received
              + " bytes were persisted");
    }
    long alreadyHave = session.received - range.first();
    if (alreadyHave >= body.length()) {
      return Future.succeededFuture();
    }
    return store
        .append(session.stagedFile, body.getBuffer((int) alreadyHave, body.length()))
        .map(size -> {
          session.received = size;
          return null;
        });
  }

  private Future<Void> respond(
      HttpServerRequest request, ResumableSession session, ContentRange range) {
    if (range.totalKnown() && session.received > range.total()) {
      throw GcsException.badRequest("Received more bytes than the declared total");
    }
    if (range.totalKnown() && session.received == range.total()) {
      return store
          .commit(session.path, session.stagedFile, session.upload, session.preconditions)
          .onFailure(e -> sessions.remove(session.uploadId))
          .compose(
              object -> {
                session.result = object;
                stats.upload();
                vertx.setTimer(FINISHED_SESSION_TTL_MS, id -> sessions.remove(session.uploadId));
                return respondWithObject(request, object);
              });
    }
    HttpServerResponse response =
        request.response().setStatusCode(308).setStatusMessage("Resume Incomplete");
    String persisted = session.persistedRange();
    if (persisted != null) {
      response.putHeader("Range", persisted);
    }
    return response.putHeader("Content-Length", "0").end();
  }

  private static Future<Void> respondWithObject(HttpServerRequest request, ObjectMetadata object) {
    return JsonResponses.ok(
        request.response(), ResourceJson.object(object, RequestUrls.baseUrl(request)));
  }
}
