package io.github.imageloader.emulator;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GCS-compatible HTTP server (JSON API subset + XML API GET) over a directory, with fault
 * injection and stats under {@code /_emulator/}. Deploy one instance; see {@link EmulatorConfig}
 * for the config keys.
 */
public class GcsEmulatorVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(GcsEmulatorVerticle.class);

  /** {@code null}: decided by the {@code signedUrlKeyFile} config key at start. */
  private final SignedUrlVerifier configuredVerifier;
  private final EmulatorStats stats = new EmulatorStats();
  private volatile FaultInjector faults;
  private volatile HttpServer server;

  /**
   * Checks V4 signed URLs when the config names a {@code signedUrlKeyFile}, else accepts every
   * XML API request.
   */
  public GcsEmulatorVerticle() {
    this.configuredVerifier = null;
  }

  /** Uses {@code signedUrlVerifier} for XML API requests; {@code signedUrlKeyFile} is ignored. */
  public GcsEmulatorVerticle(SignedUrlVerifier signedUrlVerifier) {
    this.configuredVerifier = Objects.requireNonNull(signedUrlVerifier, "signedUrlVerifier");
  }

  @Override
  public Future<?> start() {
    EmulatorConfig config = EmulatorConfig.fromJson(config());
    faults =
        new FaultInjector(
            FaultSettings.baseline(
                config.latencyMs(), config.jitterMs(), config.tailRate(), config.tailMs(),
                config.stallRate(), config.stallMs()),
            System.nanoTime());
    ObjectStore store = new ObjectStore(vertx, config.dataDir());
    return vertx
        .executeBlocking(
            () -> {
              prepareDataDir(config);
              return signedUrlVerifier(config);
            },
            false)
        .compose(
            signedUrlVerifier -> {
              HttpServerOptions options =
                  new HttpServerOptions()
                      .setHost(config.host())
                      .setPort(config.port())
                      // The Google client gzips upload bodies by default.
                      .setDecompressionSupported(true)
                      .setCompressionSupported(false)
                      .setIdleTimeout(0);
              return vertx
                  .createHttpServer(options)
                  .connectionHandler(
                      connection -> {
                        stats.connectionOpened();
                        connection.closeHandler(closed -> stats.connectionClosed());
                      })
                  .requestHandler(
                      new GcsRequestHandler(vertx, store, faults, stats, signedUrlVerifier))
                  .listen();
            })
        .onSuccess(
            listening -> {
              server = listening;
              LOG.info(
                  "GCS emulator listening on http://{}:{} serving {}",
                  config.host(), listening.actualPort(), config.dataDir());
            });
  }

  /** The bound port; valid once the deployment has completed. */
  public int actualPort() {
    HttpServer current = server;
    if (current == null) {
      throw new IllegalStateException("GCS emulator is not started");
    }
    return current.actualPort();
  }

  public EmulatorStats stats() {
    return stats;
  }

  /** Programmatic access to the same settings as {@code /_emulator/faults}. */
  public FaultInjector faults() {
    return faults;
  }

  /** Blocking: may generate the key file. */
  private SignedUrlVerifier signedUrlVerifier(EmulatorConfig config) throws IOException {
    if (configuredVerifier != null) {
      return configuredVerifier;
    }
    if (config.signedUrlKeyFile() == null) {
      return SignedUrlVerifier.acceptAll();
    }
    Path keyFile = DevServiceAccount.ensure(config.signedUrlKeyFile());
    V4SignatureVerifier verifier = V4SignatureVerifier.fromKeyFiles(List.of(keyFile));
    LOG.info("XML API requests need a V4 signed URL from the key in {}", keyFile);
    return verifier;
  }

  private static void prepareDataDir(EmulatorConfig config) throws IOException {
    Files.createDirectories(config.dataDir());
    deleteRecursively(config.dataDir().resolve(ObjectStore.STAGING_DIR));
    if (config.generateSamples()) {
      Path bucketDir = config.dataDir().resolve(SampleImages.BUCKET);
      if (!SampleImages.present(bucketDir, SampleImages.PREFIX)) {
        long started = System.nanoTime();
        SampleImages.generate(bucketDir, SampleImages.PREFIX, SampleImages.COUNT);
        LOG.info(
            "Generated {} sample images in {} ms under {}",
            SampleImages.COUNT, (System.nanoTime() - started) / 1_000_000,
            bucketDir.resolve(SampleImages.PREFIX));
      }
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
