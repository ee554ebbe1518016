package io.github.imageloader.api;

import io.github.imageloader.contract.Addresses;
import io.github.imageloader.contract.Codecs;
import io.github.imageloader.contract.HeldBytes;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.concurrent.TimeUnit;

/**
 * The HTTP front: validates batches, fans them out as per-image jobs on the event bus, gathers the replies
 * and answers. Runs on the event loop only; all storage work happens in loaders, local or remote.
 */
public final class ApiVerticle extends VerticleBase {

  private HttpServer server;
  private Router router;
  private Warmup warmup;
  private LoaderDirectory loaders;
  private long shutdownTimeoutMs;

  @Override
  public Future<?> start() {
    Codecs.register(vertx);
    ApiConfig config = ApiConfig.from(config());
    shutdownTimeoutMs = config.shutdownTimeoutMs();
    ApiMetrics metrics = new ApiMetrics();
    InFlightJobs inFlight = new InFlightJobs(config.maxJobsInFlight(), "image loads");
    HeldBytes heldBytes = HeldBytes.of(vertx, config.maxBytesInFlight());
    loaders = new LoaderDirectory(vertx, config.loaderSilentAfterMs());
    BatchDispatcher dispatcher = new BatchDispatcher(
      new JobRouter(vertx, loaders, metrics, config.jobMaxAttempts(), config.loaderRefusalPauseMs()), inFlight, heldBytes);
    ImagesHandler images = new ImagesHandler(config, dispatcher, metrics);
    ArchiveHandler archive = new ArchiveHandler(config, images, dispatcher, metrics);
    UploadHandler upload = new UploadHandler(vertx, config, inFlight, heldBytes, dispatcher, metrics);
    warmup = new Warmup(vertx, config, dispatcher);
    HealthHandler health = new HealthHandler(vertx.eventBus(), config, Addresses.IMAGES_LOAD, warmup);
    Admission admission = Admission.of(vertx, config.admission(), metrics.registry());

    BearerAuth auth = new BearerAuth(config.auth());
    router = JsonRouter.create(vertx);
    if (config.auth().enabled()) {
      // Before every route, so routes added later are protected too; only BearerAuth.PUBLIC_PATHS are open.
      router.route().handler(auth.handler());
    }
    router.get("/").handler(ctx -> ctx.json(new JsonObject().put("message", "image batch loader").put("status", "ok")));
    router.get("/health").handler(health::health);
    router.get("/ready").handler(health::ready);
    router.get("/metrics").handler(MetricsEndpoint.handler());
    router.get("/images").handler(admission::handle).handler(images::getImages);
    router.get("/images/archive").handler(admission::handle).handler(archive::handle);
    // No BodyHandler: the upload is read as it streams in, bounded, never to disk.
    router.post("/images").handler(upload::handle);
    // Vert.x web runs a body handler before any other: these two bodies (at most MAX_BODY_BYTES) are read first.
    router.post("/images/batch").handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()))
      .handler(admission::handle).handler(images::postBatch);
    router.post("/load-images").handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()))
      .handler(admission::handle).handler(images::postSignedUrls);
    return loaders.start()
      .compose(listening -> auth.load(vertx))
      .compose(loaded -> OpenApiDocument.load(vertx))
      .compose(openApi -> {
        router.get(OpenApiDocument.PATH).handler(openApi);
        return JsonRouter.listen(vertx, config, router, "API");
      })
      .onSuccess(listening -> {
        server = listening;
        warmup.start();
      });
  }

  /** Completes when the node's warm-up is over ({@code WARMUP_BATCHES}); {@code /ready} says no until then. */
  public Future<Void> warmedUp() {
    return warmup.done();
  }

  /** The routes it serves, for the test that holds them against the OpenAPI document. */
  Router router() {
    return router;
  }

  /** The port the server listens on; useful when configured with port 0. */
  public int actualPort() {
    return server.actualPort();
  }

  /**
   * Stops accepting connections and lets the requests in progress finish (each connection closes after
   * its current response) for up to {@code SHUTDOWN_TIMEOUT_MS}; only then are connections cut.
   */
  @Override
  public Future<?> stop() {
    return (server == null ? Future.succeededFuture() : server.shutdown(shutdownTimeoutMs, TimeUnit.MILLISECONDS))
      .eventually(() -> loaders == null ? Future.succeededFuture() : loaders.stop());
  }
}
