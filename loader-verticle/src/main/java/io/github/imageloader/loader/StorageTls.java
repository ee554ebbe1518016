package io.github.imageloader.loader;

import io.netty.handler.ssl.OpenSsl;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemTrustOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/**
 * How the loaders speak TLS to storage and to signed-URL hosts, for both transports: whom they trust
 * ({@code STORAGE_CA_FILE}, a PEM bundle that replaces the JVM's default CAs; empty: the JVM's), which engine
 * encrypts ({@code STORAGE_TLS_ENGINE}: {@code openssl}, BoringSSL through netty-tcnative, falling back to the
 * JDK's where the native library does not load; or {@code jdk}), and which HTTP version the {@code http} transport
 * asks for by ALPN ({@code STORAGE_HTTP_VERSION}: {@code 1.1} or {@code 2}). Host names are always verified.
 */
record StorageTls(Path caFile, String engine, HttpVersion httpVersion) {

  private static final Logger LOG = LoggerFactory.getLogger(StorageTls.class);
  /** Streams one HTTP/2 connection carries at most before the pool opens another (GCS allows 100). */
  static final int HTTP2_STREAMS_PER_CONNECTION = 100;
  private static final int HTTP2_STREAM_WINDOW_BYTES = 1024 * 1024;
  private static final int HTTP2_CONNECTION_WINDOW_BYTES = 32 * 1024 * 1024;

  StorageTls {
    if (!engine.equals("openssl") && !engine.equals("jdk")) {
      throw new IllegalArgumentException("STORAGE_TLS_ENGINE must be openssl or jdk, not " + engine);
    }
  }

  static StorageTls of(String caFile, String engine, String httpVersion) {
    HttpVersion version = switch (httpVersion) {
      case "1.1" -> HttpVersion.HTTP_1_1;
      case "2" -> HttpVersion.HTTP_2;
      default -> throw new IllegalArgumentException("STORAGE_HTTP_VERSION must be 1.1 or 2, not " + httpVersion);
    };
    Path ca = caFile.isBlank() ? null : Path.of(caFile);
    if (ca != null && !Files.isReadable(ca)) {
      throw new IllegalArgumentException("STORAGE_CA_FILE " + caFile + " is not a readable file");
    }
    return new StorageTls(ca, engine, version);
  }

  /** Whether the OpenSSL engine was asked for and its native library loads here. */
  boolean openSsl() {
    return engine.equals("openssl") && OpenSSLEngineOptions.isAvailable();
  }

  /** The engine actually used, for the log and the metrics: {@code openssl} or {@code jdk}. */
  String engineInUse() {
    return openSsl() ? "openssl" : "jdk";
  }

  /** Applies trust, host-name verification, the engine and the HTTP version to the loader's client. */
  HttpClientOptions apply(HttpClientOptions options) {
    if (engine.equals("openssl") && !openSsl()) {
      LOG.warn("STORAGE_TLS_ENGINE=openssl, but netty-tcnative does not load here ({}); using the JDK's TLS engine",
        String.valueOf(OpenSsl.unavailabilityCause()));
    }
    options.setSslEngineOptions(openSsl() ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions())
      // Never off: a certificate for another host is as bad as an untrusted one.
      .setVerifyHost(true);
    if (caFile != null) {
      options.setTrustOptions(new PemTrustOptions().addCertPath(caFile.toString()));
    }
    if (httpVersion == HttpVersion.HTTP_2) {
      // h2 is chosen by ALPN over TLS; a server that does not offer it is spoken to in HTTP/1.1.
      options.setProtocolVersion(HttpVersion.HTTP_2).setUseAlpn(true).setHttp2ClearTextUpgrade(false)
        .setHttp2MultiplexingLimit(HTTP2_STREAMS_PER_CONNECTION)
        // HTTP/2's default 64 KiB windows would let one connection carry only 64 KiB of all its streams' bodies
        // per round trip: windows as large as what a connection's streams hold in flight.
        .setHttp2ConnectionWindowSize(HTTP2_CONNECTION_WINDOW_BYTES)
        .setInitialSettings(new Http2Settings().setInitialWindowSize(HTTP2_STREAM_WINDOW_BYTES));
    }
    return options;
  }

  /**
   * The options of the client for signed URLs whose host is a name: the connection goes to an address resolved
   * and checked beforehand (SSRF pinning), so SNI must be set from the URL's host explicitly; it is forced so a
   * name without a dot ("localhost", a Kubernetes service) gets it too, which the engines otherwise leave out.
   * (Not for IP literals, which SNI must not carry: those go through the storage client.)
   */
  HttpClientOptions applyPinned(HttpClientOptions options) {
    return apply(options).setForceSni(true);
  }

  /** HTTP/1.1: one connection per request in flight; HTTP/2: enough connections for as many streams. */
  PoolOptions pool(int poolSize) {
    PoolOptions pool = new PoolOptions().setHttp1MaxSize(poolSize);
    if (httpVersion == HttpVersion.HTTP_2) {
      pool.setHttp2MaxSize(Math.max(1, (poolSize + HTTP2_STREAMS_PER_CONNECTION - 1) / HTTP2_STREAMS_PER_CONNECTION));
    }
    return pool;
  }

  /** The CA bundle as a key store for the {@code sdk} transport's HTTP client, or {@code null} for the JVM's CAs. */
  KeyStore trustStore() {
    if (caFile == null) {
      return null;
    }
    try (InputStream in = Files.newInputStream(caFile)) {
      Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException("STORAGE_CA_FILE " + caFile + " holds no PEM certificate");
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate certificate : certificates) {
        store.setCertificateEntry("storage-ca-" + i++, certificate);
      }
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read STORAGE_CA_FILE " + caFile, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("STORAGE_CA_FILE " + caFile + " is not a PEM certificate bundle", e);
    }
  }
}
