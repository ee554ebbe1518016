package io.github.imageloader.api;

import io.github.imageloader.contract.LoadResult;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * {@code GET /images/archive?file_names=…}: the images themselves, as one tar in request order.
 * <p>
 * Every image is loaded and verified before the first byte goes out, so a failure still gets its precise
 * status and JSON error instead of a 200 followed by a cut-off archive. The entries are then written one
 * at a time, each after the previous write was taken by the connection.
 */
final class ArchiveHandler {

  private final ApiConfig config;
  private final ImagesHandler images;
  private final BatchDispatcher dispatcher;
  private final ApiMetrics metrics;

  ArchiveHandler(ApiConfig config, ImagesHandler images, BatchDispatcher dispatcher, ApiMetrics metrics) {
    this.config = config;
    this.images = images;
    this.dispatcher = dispatcher;
    this.metrics = metrics;
  }

  void handle(RoutingContext ctx) {
    long started = System.nanoTime();
    List<String> names = RequestBodies.fileNamesParam(ctx);
    ImageNames.validate(names, config.prefix(), config.maxBatchSize());
    dispatcher.dispatch(images.jobs(names, true), names, () -> Admission.notTeaching(ctx))
      .onFailure(error -> {
        metrics.batchCompleted("images_archive", error instanceof ApiError api ? api.status() : 500, names.size(),
          System.nanoTime() - started);
        ctx.fail(error);
      })
      .onSuccess(results -> stream(ctx.response(), names, results)
        .onComplete(done -> {
          dispatcher.releaseHeld(results);
          metrics.batchCompleted("images_archive", 200, names.size(), System.nanoTime() - started);
        }));
  }

  private static Future<Void> stream(HttpServerResponse response, List<String> names, List<LoadResult> results) {
    long total = results.stream().mapToLong(LoadResult::size).sum();
    response.setChunked(true)
      .putHeader("Content-Type", "application/x-tar")
      .putHeader("Content-Disposition", "attachment; filename=\"images.tar\"")
      .putHeader("X-Image-Count", Integer.toString(results.size()))
      .putHeader("X-Image-Bytes", Long.toString(total));
    TarStream tar = new TarStream();
    Future<Void> written = Future.succeededFuture();
    for (int i = 0; i < results.size(); i++) {
      String name = names.get(i);
      LoadResult result = results.get(i);
      written = written
        .compose(v -> response.write(tar.header(name, result.data().length())))
        .compose(v -> response.write(result.data()))
        .compose(v -> response.write(tar.padding(result.data().length())));
    }
    return written
      .compose(v -> response.end(tar.finish()))
      .onFailure(error -> response.reset());
  }
}
