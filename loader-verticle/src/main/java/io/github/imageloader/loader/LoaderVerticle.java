package io.github.imageloader.loader;

import io.github.imageloader.contract.Addresses;
import io.github.imageloader.contract.Codecs;
import io.github.imageloader.contract.HeldBytes;
import io.github.imageloader.contract.LoadJob;
import io.github.imageloader.contract.LoaderAnnouncement;
import io.github.imageloader.contract.StoreJob;
import io.github.imageloader.contract.UrlAllowList;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;


/**
 * Wires a loader: its storage client and transport (made once at start-up and reused for the life of the
 * verticle), the consumers of per-image jobs on {@value Addresses#IMAGES_LOAD} ({@link LoadJobs}) and of
 * uploads on {@value Addresses#IMAGES_STORE} ({@link StoreJobs}), and draining on stop.
 */
public final class LoaderVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(LoaderVerticle.class);
  /** Netty's HTTP decoder splits bodies into chunks of at most this size (Vert.x's default: 8 KB). */
  private static final int MAX_CHUNK_BYTES = 64 * 1024;

  private HttpClient http;
  /** For signed URLs whose host name was resolved and pinned to a checked address (see {@link StorageTls#applyPinned}). */
  private HttpClient pinnedHttp;
  private StorageTransport transport;
  private final JobsInProgress inProgress = new JobsInProgress();
  private long drainTimeoutMs;
  private LoaderMetrics metrics;
  private MessageConsumer<LoadJob> consumer;
  private MessageConsumer<LoadJob> ownAddress;
  private LoaderAnnouncer announcer;
  private MessageConsumer<LoadJob> localProbes;
  private MessageConsumer<StoreJob> stores;
  private MessageConsumer<StoreJob> ownStores;

  @Override
  public Future<?> start() {
    Codecs.register(vertx);
    LoaderConfig config = LoaderConfig.from(config());
    drainTimeoutMs = config.drainTimeoutMs();
    String storageHost = StorageCircuitBreakers.hostOf(config.endpoint());
    http = vertx.createHttpClient(config.tls().apply(clientOptions(config)), config.tls().pool(config.poolSize()));
    pinnedHttp = vertx.createHttpClient(config.tls().applyPinned(clientOptions(config)), config.tls().pool(config.poolSize()));
    WebClient client = WebClient.wrap(http, new WebClientOptions().setFollowRedirects(false).setUserAgent("image-batch-loader"));
    metrics = new LoaderMetrics(config.transport());
    HttpObjectDownload downloads = new HttpObjectDownload(vertx, http, new ReadTail(config.tail(), metrics),
      config.attemptTimeoutMs());
    RetryPolicy retries = new RetryPolicy(vertx, config.retryMaxAttempts(), config.retryBaseDelayMs(), config.retryMaxDelayMs());
    SignedUrlFetcher signedUrls = new SignedUrlFetcher(vertx, downloads,
      new HttpObjectDownload(vertx, pinnedHttp, new ReadTail(config.tail(), metrics), config.attemptTimeoutMs()),
      new UrlAllowList(config.signedUrlAllowedHosts(), config.signedUrlPrivateHosts()));
    return createTransport(config, client, downloads)
      .compose(created -> {
        transport = created;
        JobRunner runner = new JobRunner(retries, new StorageCircuitBreakers(config.breaker(), metrics), metrics, inProgress,
          new JobAdmission(config.admission(), metrics));
        LoadJobs loads = new LoadJobs(created, signedUrls, runner, HeldBytes.of(vertx, config.maxBytesInFlight()), storageHost);
        LoaderAnnouncement identity = new LoaderAnnouncement(UUID.randomUUID().toString(), config.clusterNodeId(), true,
          config.announceEveryMs(), config.jobBudgetMs());
        consumer = vertx.eventBus().consumer(Addresses.IMAGES_LOAD, loads);
        // The apis route jobs here by load; the shared address serves an api that knows no loader yet.
        ownAddress = vertx.eventBus().consumer(identity.loadAddress(), loads);
        StoreJobs storeJobs = new StoreJobs(created, runner, storageHost);
        stores = vertx.eventBus().consumer(Addresses.IMAGES_STORE, storeJobs);
        ownStores = vertx.eventBus().consumer(identity.storeAddress(), storeJobs);
        announcer = new LoaderAnnouncer(vertx, identity);
        return Future.all(List.of(consumer.completion(), ownAddress.completion(), stores.completion(), ownStores.completion()))
          .compose(registered -> new LoaderWarmup(vertx, identity.loadAddress(), config.warmup()).run())
          .compose(warm -> {
            // Readiness probes and the apis' traffic come once the loader is warm.
            localProbes = vertx.eventBus().localConsumer(Addresses.LOADER_PROBE_LOCAL, loads);
            return localProbes.completion();
          })
          .compose(probing -> announcer.start());
      })
      .onSuccess(v -> LOG.info("Loader ready: transport={} endpoint={} pool={} tls-engine={} http={} ca={}",
        config.transport(), config.endpoint(), config.poolSize(), config.tls().engineInUse(),
        config.tls().httpVersion(), config.tls().caFile() == null ? "jvm-default" : config.tls().caFile()));
  }

  private static HttpClientOptions clientOptions(LoaderConfig config) {
    return new HttpClientOptions()
      .setKeepAlive(true)
      .setTcpNoDelay(true)
      // Fewer, larger body chunks: each one costs a copy, a handler call and a checksum update.
      .setMaxChunkSize(MAX_CHUNK_BYTES)
      .setConnectTimeout((int) config.attemptTimeoutMs());
  }

  private Future<? extends StorageTransport> createTransport(LoaderConfig config, WebClient client,
                                                             HttpObjectDownload downloads) {
    if (config.transport().equals("sdk")) {
      return SdkStorageTransport.create(vertx, config.endpoint(), config.emulator(), config.projectId(),
        config.poolSize(), config.attemptTimeoutMs(), config.tls().trustStore());
    }
    Future<AccessTokenSource> tokens = config.emulator()
      ? Future.succeededFuture(AccessTokenSource.none())
      : vertx.executeBlocking(() -> AccessTokenSource.applicationDefault(vertx));
    return tokens.map(source -> new HttpStorageTransport(client, downloads, config.endpoint(), source, config.attemptTimeoutMs()));
  }

  /**
   * Stops taking jobs (it tells the apis first, so they route new ones to other loaders at once), lets the jobs
   * in progress finish within {@code SHUTDOWN_TIMEOUT_MS}, then closes the storage connections.
   */
  @Override
  public Future<?> stop() {
    Future<Void> unregistered = Future.all(
      announcer == null ? Future.succeededFuture() : announcer.leave(),
      consumer == null ? Future.succeededFuture() : consumer.unregister(),
      ownAddress == null ? Future.succeededFuture() : ownAddress.unregister(),
      localProbes == null ? Future.succeededFuture() : localProbes.unregister(),
      stores == null ? Future.succeededFuture() : stores.unregister(),
      ownStores == null ? Future.succeededFuture() : ownStores.unregister()).mapEmpty();
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
      .eventually(() -> http == null ? Future.succeededFuture() : http.close())
      .eventually(() -> pinnedHttp == null ? Future.succeededFuture() : pinnedHttp.close());
  }
}
