package io.github.imageloader.loader;

import io.github.imageloader.contract.Addresses;
import io.github.imageloader.contract.Codecs;
import io.github.imageloader.contract.LoadFailure;
import io.github.imageloader.contract.LoadJob;
import io.github.imageloader.contract.LoadResult;
import io.github.imageloader.contract.SignedUrls;
import io.github.imageloader.contract.StoreJob;
import io.github.imageloader.contract.StoreResult;
import io.github.imageloader.contract.UrlAllowList;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * Consumes per-image jobs on {@value Addresses#IMAGES_LOAD}: fetches one object (or signed URL), verifies
 * its crc32c, and replies with a {@link LoadResult} or fails the message with a {@link LoadFailure} code.
 * It also consumes uploads on {@value Addresses#IMAGES_STORE}: stores one {@link StoreJob} create-only with its
 * crc32c and replies with a {@link StoreResult}.
 * Its storage connections are made once at start-up and reused for the life of the verticle.
 */
public final class LoaderVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(LoaderVerticle.class);

  private HttpClient http;
  private WebClient client;
  private HttpObjectDownload downloads;
  private StorageTransport transport;
  private SignedUrlFetcher signedUrls;
  private RetryPolicy retries;
  private StorageCircuitBreakers breakers;
  private String storageHost;
  private final JobsInProgress inProgress = new JobsInProgress();
  private long drainTimeoutMs;
  private LoaderMetrics metrics;
  private MessageConsumer<LoadJob> consumer;
  private MessageConsumer<LoadJob> localProbes;
  private MessageConsumer<StoreJob> stores;

  @Override
  public Future<?> start() {
    Codecs.register(vertx);
    LoaderConfig config = LoaderConfig.from(config());
    drainTimeoutMs = config.drainTimeoutMs();
    storageHost = StorageCircuitBreakers.hostOf(config.endpoint());
    http = vertx.createHttpClient(
      new HttpClientOptions()
        .setKeepAlive(true)
        .setTcpNoDelay(true)
        .setConnectTimeout((int) config.attemptTimeoutMs()),
      new PoolOptions().setHttp1MaxSize(config.poolSize()));
    client = WebClient.wrap(http, new WebClientOptions().setFollowRedirects(false).setUserAgent("image-batch-loader"));
    downloads = new HttpObjectDownload(vertx, http, config.attemptTimeoutMs());
    retries = new RetryPolicy(vertx, config.retryMaxAttempts(), config.retryBaseDelayMs(), config.retryMaxDelayMs());
    signedUrls = new SignedUrlFetcher(vertx, downloads,
      new UrlAllowList(config.signedUrlAllowedHosts(), config.signedUrlPrivateHosts()));
    return createTransport(config)
      .compose(created -> {
        transport = created;
        metrics = new LoaderMetrics(created.name());
        breakers = new StorageCircuitBreakers(config.breaker(), metrics);
        consumer = vertx.eventBus().consumer(Addresses.IMAGES_LOAD, this::handle);
        localProbes = vertx.eventBus().localConsumer(Addresses.LOADER_PROBE_LOCAL, this::handle);
        stores = vertx.eventBus().consumer(Addresses.IMAGES_STORE, this::handleStore);
        return Future.all(consumer.completion(), localProbes.completion(), stores.completion());
      })
      .onSuccess(v -> LOG.info("Loader ready: transport={} endpoint={} pool={}",
        config.transport(), config.endpoint(), config.poolSize()));
  }

  private Future<? extends StorageTransport> createTransport(LoaderConfig config) {
    if (config.transport().equals("sdk")) {
      return SdkStorageTransport.create(vertx, config.endpoint(), config.emulator(), config.projectId(),
        config.poolSize(), config.attemptTimeoutMs());
    }
    Future<AccessTokenSource> tokens = config.emulator()
      ? Future.succeededFuture(AccessTokenSource.none())
      : vertx.executeBlocking(() -> AccessTokenSource.applicationDefault(vertx));
    return tokens.map(source -> new HttpStorageTransport(client, downloads, config.endpoint(), source, config.attemptTimeoutMs()));
  }

  private void handle(Message<LoadJob> message) {
    LoadJob job;
    try {
      job = message.body();
    } catch (ClassCastException e) {
      message.fail(LoadFailure.BAD_JOB.code(), "images.load expects a LoadJob");
      return;
    }
    long started = System.nanoTime();
    inProgress.started();
    Future<LoadResult> outcome = switch (job.kind()) {
      case OBJECT -> withRetries(job, started, storageHost,
        () -> transport.fetch(job.bucket(), job.target(), job.deadlineEpochMs()));
      case URL -> withRetries(job, started, StorageCircuitBreakers.hostOf(job.target()),
        () -> signedUrls.fetch(job.target(), job.deadlineEpochMs()));
      case PROBE -> transport.probe(job.bucket(), job.deadlineEpochMs())
        .map(v -> new LoadResult(job.bucket(), 0, null, elapsedMs(started), 1, null));
    };
    outcome.onComplete(ar -> {
      inProgress.finished();
      String kind = job.kind().name().toLowerCase();
      if (ar.succeeded()) {
        metrics.imageLoaded(kind, "ok", System.nanoTime() - started);
        message.reply(ar.result());
      } else {
        UpstreamException failure = UpstreamException.classify(ar.cause(), label(job));
        metrics.imageLoaded(kind, failure.failure().errorCode(), System.nanoTime() - started);
        metrics.failed(failure.causeLabel());
        if (failure.detail() != null) {
          LOG.warn("{} ({})", failure.getMessage(), failure.detail());
        }
        message.fail(failure.failure().code(), failure.getMessage());
      }
    });
  }

  private void handleStore(Message<StoreJob> message) {
    StoreJob job;
    try {
      job = message.body();
    } catch (ClassCastException e) {
      message.fail(LoadFailure.BAD_JOB.code(), "images.store expects a StoreJob");
      return;
    }
    long started = System.nanoTime();
    inProgress.started();
    String what = "gs://" + job.bucket() + "/" + job.objectName();
    String crc32c = Crc32c.of(job.data());
    int[] attempts = {0};
    retries.run(job.deadlineEpochMs(), n -> {
          attempts[0] = n;
          return breakers.attempt(storageHost, () -> transport.store(job.bucket(), job.objectName(), job.contentType(),
              job.metadata(), job.data(), crc32c, job.deadlineEpochMs())
            .recover(error -> alreadyStored(job, crc32c, UpstreamException.classify(error, what))));
        }, error -> UpstreamException.classify(error, what), this::onRetry)
      .compose(info -> crc32c.equals(info.crc32c()) && info.size() == job.data().length()
        ? Future.succeededFuture(info)
        : Future.failedFuture(UpstreamException.checksumMismatch(what, info.crc32c(), crc32c)))
      .onComplete(ar -> {
        inProgress.finished();
        if (ar.succeeded()) {
          metrics.imageLoaded("store", "ok", System.nanoTime() - started);
          message.reply(new StoreResult(job.objectName(), ar.result().size(), ar.result().crc32c(),
            ar.result().generation(), elapsedMs(started), attempts[0]));
        } else {
          UpstreamException failure = UpstreamException.classify(ar.cause(), what)
            .deadlineIfPassed(job.deadlineEpochMs(), "storing " + what);
          metrics.imageLoaded("store", failure.failure().errorCode(), System.nanoTime() - started);
          metrics.failed(failure.causeLabel());
          message.fail(failure.failure().code(), failure.getMessage());
        }
      });
  }

  /**
   * A create-only upload refused with 412: the name exists. Names are unique per upload, so that is an earlier
   * attempt of this very job that succeeded although its answer was lost; storage's crc32c and size tell.
   */
  private Future<ObjectInfo> alreadyStored(StoreJob job, String crc32c, UpstreamException failure) {
    if (!failure.causeLabel().equals("http_412")) {
      return Future.failedFuture(failure);
    }
    return transport.stat(job.bucket(), job.objectName(), job.deadlineEpochMs())
      .compose(info -> crc32c.equals(info.crc32c()) && info.size() == job.data().length()
        ? Future.succeededFuture(info)
        : Future.failedFuture(new UpstreamException(LoadFailure.UPSTREAM_ERROR, "http_412", false,
          "gs://" + job.bucket() + "/" + job.objectName() + " already exists with other content")));
  }

  private Future<LoadResult> withRetries(LoadJob job, long startedNanos, String host, Supplier<Future<StoredObject>> fetch) {
    int[] attempts = {0};
    return retries.run(job.deadlineEpochMs(), n -> {
        attempts[0] = n;
        return breakers.attempt(host, fetch);
      }, error -> UpstreamException.classify(error, label(job)), this::onRetry)
      .recover(error -> Future.failedFuture(UpstreamException.classify(error, label(job))
        .deadlineIfPassed(job.deadlineEpochMs(), "loading " + label(job))))
      .map(stored -> result(job, stored, startedNanos, attempts[0]));
  }

  /** How a job is named in messages; a signed URL without the credentials in its query string. */
  private static String label(LoadJob job) {
    return job.kind() == LoadJob.Kind.URL ? SignedUrls.withoutQuery(job.target()) : job.target();
  }

  private void onRetry(UpstreamException failure) {
    metrics.retried(failure.causeLabel());
    LOG.debug("Retrying: {}", failure.getMessage());
  }

  private static LoadResult result(LoadJob job, StoredObject stored, long startedNanos, int attempts) {
    return new LoadResult(label(job), stored.data().length(), stored.crc32c(), elapsedMs(startedNanos), attempts,
      job.wantBytes() ? stored.data() : null);
  }

  private static long elapsedMs(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }

  /**
   * Stops taking jobs (the cluster routes new ones to other loaders), lets the jobs in progress finish
   * within {@code SHUTDOWN_TIMEOUT_MS}, then closes the storage connections.
   */
  @Override
  public Future<?> stop() {
    Future<Void> unregistered = Future.all(
      consumer == null ? Future.succeededFuture() : consumer.unregister(),
      localProbes == null ? Future.succeededFuture() : localProbes.unregister(),
      stores == null ? Future.succeededFuture() : stores.unregister()).mapEmpty();
    return unregistered
      .eventually(() -> inProgress.drained(vertx, drainTimeoutMs)
        .onSuccess(left -> {
          if (left > 0) {
            LOG.warn("Loader stopping with {} jobs still in progress after {} ms", left, drainTimeoutMs);
          }
        }))
      .eventually(() -> {
        if (metrics != null) {
          metrics.close();
        }
        return transport == null ? Future.succeededFuture() : transport.close();
      })
      .eventually(() -> http == null ? Future.succeededFuture() : http.close());
  }
}
