package io.github.imageloader.emulator;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Serves object bytes for the JSON API ({@code alt=media}) and the XML API (signed URLs), with the
 * headers the Google client reads, Range support, latency and download faults.
 */
final class ObjectDownloadHandler {

  enum Api {
    JSON,
    XML
  }

  private final ObjectStore store;
  private final FaultInjector faults;
  private final LatencyTimer latency;
  private final EmulatorStats stats;
  private final MediaBodyWriter bodyWriter;

  ObjectDownloadHandler(
      ObjectStore store, FaultInjector faults, LatencyTimer latency, EmulatorStats stats,
      MediaBodyWriter bodyWriter) {
    this.store = store;
    this.faults = faults;
    this.latency = latency;
    this.stats = stats;
    this.bodyWriter = bodyWriter;
  }

  Future<Void> handle(HttpServerRequest request, ObjectPath path, Api api) {
    stats.objectRequest();
    GenerationPreconditions preconditions = GenerationPreconditions.fromQuery(request.params());
    Long generation = api == Api.JSON ? requestedGeneration(request) : null;
    HttpServerResponse response = request.response();
    response.closeHandler(
        closed -> {
          if (!response.ended()) {
            stats.readAborted();
          }
        });
    long tailMs = faults.nextTailMs();
    if (tailMs > 0) {
      stats.faultInjected(FaultKind.TAIL);
    }
    return latency
        .delay(tailMs)
        .compose(
            v -> {
              DownloadFault fault = faults.nextDownloadFault();
              if (fault.reset()) {
                stats.faultInjected(FaultKind.RESET);
                return request.connection().close();
              }
              if (fault.isError()) {
                stats.faultInjected(FaultKind.ERROR);
                return Future.failedFuture(GcsException.injected(fault.errorStatus()));
              }
              return store
                  .stat(path)
                  .compose(
                      object -> {
                        if (generation != null && generation != object.generation()) {
                          throw GcsException.noSuchObject(path.bucket(), path.name());
                        }
                        preconditions.check(object.generation());
                        return serve(request, object, api, fault);
                      });
            });
  }

  private Future<Void> serve(
      HttpServerRequest request, ObjectMetadata object, Api api, DownloadFault fault) {
    HttpServerResponse response = request.response();
    Optional<ByteRange> range;
    try {
      range = ByteRange.parse(request.getHeader("Range"), object.size());
    } catch (GcsException e) {
      response.putHeader("Content-Range", "bytes */" + object.size());
      throw e;
    }
    putObjectHeaders(response, object, api);
    long offset = range.map(ByteRange::first).orElse(0L);
    long length = range.map(ByteRange::length).orElse(object.size());
    if (range.isPresent()) {
      response.setStatusCode(206).putHeader("Content-Range", range.get().contentRange(object.size()));
    }
    response.putHeader("Content-Length", Long.toString(length));
    if (request.method() == HttpMethod.HEAD || length == 0) {
      return response.end();
    }
    // Vert.x sends no file over HTTP/2: those bodies are read into memory like a shaped one.
    if (!fault.shapesBody() && request.version() != HttpVersion.HTTP_2) {
      return bodyWriter.sendFile(response, object, offset, length);
    }
    return store
        .read(object, offset, Math.toIntExact(length))
        .compose(body -> bodyWriter.sendShaped(request, body, fault));
  }

  private static void putObjectHeaders(HttpServerResponse response, ObjectMetadata object, Api api) {
    response
        .putHeader("Content-Type", object.contentType())
        .putHeader("x-goog-hash", object.googHashHeader())
        .putHeader("x-goog-generation", Long.toString(object.generation()))
        .putHeader("x-goog-metageneration", Long.toString(object.metageneration()))
        .putHeader("x-goog-stored-content-length", Long.toString(object.size()))
        .putHeader("x-goog-stored-content-encoding", "identity")
        .putHeader("x-goog-storage-class", "STANDARD")
        .putHeader("ETag", api == Api.XML ? "\"" + object.md5Hex() + "\"" : object.etag())
        .putHeader(
            "Last-Modified",
            DateTimeFormatter.RFC_1123_DATE_TIME.format(object.updated().atOffset(ZoneOffset.UTC)))
        .putHeader("Accept-Ranges", "bytes")
        .putHeader("Cache-Control", "private, max-age=0");
  }

  private static Long requestedGeneration(HttpServerRequest request) {
    String value = request.getParam("generation");
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw GcsException.badRequest("Invalid generation: " + value);
    }
  }
}
