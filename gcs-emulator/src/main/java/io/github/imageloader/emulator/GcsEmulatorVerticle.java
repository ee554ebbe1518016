package io.github.imageloader.emulator;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
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
 * injection and stats under {@code /_emulator/}; optionally the same API over HTTPS on a second
 * port, as GCS serves it (HTTP/1.1 or h2 by ALPN). Deploy one instance; see {@link EmulatorConfig}
 * for the config keys.
 */
public class GcsEmulatorVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(GcsEmulatorVerticle.class);

  /** {@code null}: decided by the {@code signedUrlKeyFile} config key at start. */
  private final SignedUrlVerifier configuredVerifier;
  private final EmulatorStats stats = new EmulatorStats();
  private volatile FaultInjector faults;
  private volatile HttpServer server;
  private volatile HttpServer tlsServer;

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
              GcsRequestHandler handler =
                  new GcsRequestHandler(vertx, store, faults, stats, signedUrlVerifier);
              Future<HttpServer> plain = listen(serverOptions(config.host(), config.port()), handler);
              if (!config.tls()) {
                return plain;
              }
              return plain.compose(
                  listening ->
                      vertx
                          .executeBlocking(() -> tlsOptions(config), false)
                          .compose(options -> listen(options, handler))
                          .onSuccess(
                              secure -> {
                                tlsServer = secure;
                                LOG.info(
                                    "GCS emulator listening on https://{}:{} (HTTP/1.1 and h2 by ALPN)",
                                    config.host(), secure.actualPort());
                              })
                          .map(listening));
            })
        .onSuccess(
            listening -> {
              server = listening;
              LOG.info(
                  "GCS emulator listening on http://{}:{} serving {}",
                  config.host(), listening.actualPort(), config.dataDir());
            });
  }

  private static HttpServerOptions serverOptions(String host, int port) {
    return new HttpServerOptions()
        .setHost(host)
        .setPort(port)
        // The Google client gzips upload bodies by default.
        .setDecompressionSupported(true)
        .setCompressionSupported(false)
        .setIdleTimeout(0);
  }

  /** Blocking: may generate the dev CA and certificate. */
  private static HttpServerOptions tlsOptions(EmulatorConfig config) {
    DevTlsCertificate.TlsFiles files =
        DevTlsCertificate.ensure(
            config.tlsCertFile(), config.tlsKeyFile(), config.tlsCaFile(), config.tlsHostNames());
    HttpServerOptions options = serverOptions(config.host(), config.tlsPort());
    options
        .setSsl(true)
        .setKeyCertOptions(
            new PemKeyCertOptions()
                .setCertPath(files.certFile().toString())
                .setKeyPath(files.keyFile().toString()))
        // GCS offers h2 by ALPN; clients that do not ask get HTTP/1.1.
        .setUseAlpn(true)
        .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1))
        .setSni(true);
    if (OpenSSLEngineOptions.isAvailable()) {
      // Where netty-tcnative loads (the service's jar): cheaper encryption, so the emulator's CPU disturbs a
      // measurement of the node beside it less.
      options.setSslEngineOptions(new OpenSSLEngineOptions());
    }
    return options;
  }

  private Future<HttpServer> listen(HttpServerOptions options, GcsRequestHandler handler) {
    return vertx
        .createHttpServer(options)
        .connectionHandler(
            connection -> {
              stats.connectionOpened(connection);
              connection.closeHandler(closed -> stats.connectionClosed());
            })
        .requestHandler(handler)
        .listen();
  }

  /** The HTTPS listener's bound port, or -1 when it serves no HTTPS; valid once the deployment has completed. */
  public int actualTlsPort() {
    HttpServer current = tlsServer;
    return current == null ? -1 : current.actualPort();
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
