package io.github.imageloader.emulator;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;

/** {@code objects.get} (metadata, without {@code alt=media}) and {@code objects.delete}. */
final class ObjectMetadataHandler {

  private final ObjectStore store;
  private final LatencyTimer latency;
  private final EmulatorStats stats;

  ObjectMetadataHandler(ObjectStore store, LatencyTimer latency, EmulatorStats stats) {
    this.store = store;
    this.latency = latency;
    this.stats = stats;
  }

  Future<Void> get(HttpServerRequest request, ObjectPath path) {
    stats.metadataRequest();
    GenerationPreconditions preconditions = GenerationPreconditions.fromQuery(request.params());
    String generation = request.getParam("generation");
    return latency
        .delay()
        .compose(v -> store.stat(path))
        .compose(
            object -> {
              if (generation != null && !generation.equals(Long.toString(object.generation()))) {
                throw GcsException.noSuchObject(path.bucket(), path.name());
              }
              preconditions.check(object.generation());
              return JsonResponses.ok(
                  request.response(),
                  ResourceJson.object(object, RequestUrls.baseUrl(request)));
            });
  }

  Future<Void> delete(HttpServerRequest request, ObjectPath path) {
    stats.delete();
    GenerationPreconditions preconditions = GenerationPreconditions.fromQuery(request.params());
    Future<Void> checked =
        preconditions.equals(GenerationPreconditions.NONE)
            ? Future.succeededFuture()
            : store.stat(path).map(object -> {
                preconditions.check(object.generation());
                return null;
              });
    return checked
        .compose(v -> store.delete(path))
        .compose(v -> request.response().setStatusCode(204).end());
  }
}
