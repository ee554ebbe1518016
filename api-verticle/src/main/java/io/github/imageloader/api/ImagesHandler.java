package io.github.imageloader.api;

import io.github.imageloader.contract.LoadJob;
import io.github.imageloader.contract.LoadResult;
import io.github.imageloader.contract.SignedUrls;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;

/**
 * The batch endpoints: {@code GET /images?file_names=…} (the study's API), {@code POST /images/batch}
 * with {@code {"names": [...]}}, and {@code POST /load-images} with a JSON array of signed URLs.
 */
final class ImagesHandler {

  private final ApiConfig config;
  private final BatchDispatcher dispatcher;
  private final ApiMetrics metrics;

  ImagesHandler(ApiConfig config, BatchDispatcher dispatcher, ApiMetrics metrics) {
    this.config = config;
    this.dispatcher = dispatcher;
    this.metrics = metrics;
  }

  void getImages(RoutingContext ctx) {
    loadNames(ctx, "images", RequestBodies.fileNamesParam(ctx));
  }

  void postBatch(RoutingContext ctx) {
    loadNames(ctx, "images_batch", RequestBodies.stringArray(RequestBodies.jsonObject(ctx), "names"));
  }

  void postSignedUrls(RoutingContext ctx) {
    long started = System.nanoTime();
    List<String> urls = RequestBodies.signedUrls(ctx);
    ImageNames.validateBatchSize(urls.size(), config.maxBatchSize(), "URLs");
    List<String> refused = new ArrayList<>();
    for (String url : urls) {
      String refusal = config.signedUrlHosts().refusal(url);
      if (refusal != null) {
        refused.add(SignedUrls.withoutQuery(url) + ": " + refusal);
      }
    }
    if (!refused.isEmpty()) {
      throw new ApiError(400, "url_not_allowed", refused.size() + " of " + urls.size()
        + " URLs may not be fetched, first: " + refused.get(0),
        // The allow-list itself is not shown: it may name internal hosts (dev mode's emulator, say).
        new JsonObject().put("refused", new JsonArray(refused)));
    }
    long deadline = System.currentTimeMillis() + config.batchTimeoutMs();
    List<String> labels = urls.stream().map(SignedUrls::withoutQuery).toList();
    answer(ctx, "load_images", started, labels, "url",
      dispatcher.dispatch(urls.stream().map(url -> LoadJob.url(url, false, deadline)).toList(), labels,
        () -> Admission.notTeaching(ctx)));
  }

  private void loadNames(RoutingContext ctx, String endpoint, List<String> names) {
    long started = System.nanoTime();
    ImageNames.validate(names, config.prefix(), config.maxBatchSize());
    answer(ctx, endpoint, started, names, "name",
      dispatcher.dispatch(jobs(names, false), names, () -> Admission.notTeaching(ctx)));
  }

  List<LoadJob> jobs(List<String> names, boolean wantBytes) {
    long deadline = System.currentTimeMillis() + config.batchTimeoutMs();
    return names.stream().map(name -> LoadJob.object(config.bucket(), config.prefix() + name, wantBytes, deadline)).toList();
  }

  private void answer(RoutingContext ctx, String endpoint, long startedNanos, List<String> labels, String labelKey,
                      Future<List<LoadResult>> results) {
    results
      .map(loaded -> BatchResponse.of(loaded, labels, labelKey, (System.nanoTime() - startedNanos) / 1_000_000))
      .onSuccess(body -> {
        metrics.batchCompleted(endpoint, 200, labels.size(), System.nanoTime() - startedNanos);
        ctx.json(body);
      })
      .onFailure(error -> {
        metrics.batchCompleted(endpoint, error instanceof ApiError api ? api.status() : 500, labels.size(),
          System.nanoTime() - startedNanos);
        ctx.fail(error);
      });
  }
}
