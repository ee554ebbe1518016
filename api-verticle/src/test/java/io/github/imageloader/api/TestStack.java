package io.github.imageloader.api;

import io.github.imageloader.emulator.DevTlsCertificate;
import io.github.imageloader.emulator.GcsEmulatorVerticle;
import io.github.imageloader.loader.LoaderVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import com.google.api.core.ApiClock;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node stack for tests: the GCS emulator over HTTP (or HTTPS) on an ephemeral port, serving objects
 * written to a temporary directory, one loader verticle with the chosen transport, and the api verticle.
 */
final class TestStack {

  static final String BUCKET = "test-bucket";
  static final String PREFIX = "photos/";
  static final int OBJECTS = 60;

  final Vertx vertx;
  final Map<String, byte[]> objects = new LinkedHashMap<>();
  final WebClient client;
  GcsEmulatorVerticle emulator;
  /** Whether the loaders reach the emulator over HTTPS (admin requests stay on its plain port). */
  boolean tls;
  ApiVerticle api;
  Path signingKey;
  /** Every response {@link #get}, {@link #post} and {@link #checked} return has been held against it. */
  OpenApiContract contract;

  private TestStack(Vertx vertx) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true));
  }

  /**
   * How the loaders reach the emulator over HTTPS.
   *
   * @param certificateHosts the names the emulator's generated certificate is valid for
   * @param trustEmulatorCa  whether the loaders trust the CA that issued it ({@code false}: another CA's)
   */
  record Tls(List<String> certificateHosts, boolean trustEmulatorCa) {
    static final Tls TRUSTED = new Tls(List.of("localhost", "127.0.0.1"), true);
  }

  static Future<TestStack> start(Vertx vertx, Path dataDir, String transport, JsonObject extraConfig) {
    return start(vertx, dataDir, transport, extraConfig, null);
  }

  /** @param tls how storage is reached over HTTPS, or {@code null} for plain HTTP */
  static Future<TestStack> start(Vertx vertx, Path dataDir, String transport, JsonObject extraConfig, Tls tls) {
    TestStack stack = new TestStack(vertx);
    stack.writeObjects(dataDir);
    stack.emulator = new GcsEmulatorVerticle();
    stack.signingKey = dataDir.resolveSibling(dataDir.getFileName() + "-signer.json");
    JsonObject emulatorConfig = new JsonObject().put("port", 0).put("dataDir", dataDir.toString())
      .put("signedUrlKeyFile", stack.signingKey.toString());
    Path tlsDir = dataDir.resolveSibling(dataDir.getFileName() + "-tls");
    if (tls != null) {
      emulatorConfig.put("tlsPort", 0)
        .put("tlsCertFile", tlsDir.resolve("storage.pem").toString())
        .put("tlsKeyFile", tlsDir.resolve("storage.key").toString())
        .put("tlsCaFile", tlsDir.resolve("storage-ca.pem").toString())
        .put("tlsHostNames", new JsonArray(tls.certificateHosts()));
    }
    return vertx.deployVerticle(stack.emulator, new DeploymentOptions().setConfig(emulatorConfig))
      .compose(id -> {
        stack.tls = tls != null;
        String storage = "127.0.0.1:" + (tls == null ? stack.emulator.actualPort() : stack.emulator.actualTlsPort());
        JsonObject tlsConfig = new JsonObject();
        if (tls != null) {
          // A cold JVM's first TLS handshakes and crypto are slow enough to miss a test's first batch deadline:
          // a few warm-up batches first, as a node does before it says it is ready.
          tlsConfig.put("WARMUP_BATCHES", 4).put("WARMUP_MAX_MS", 20_000)
            .put("STORAGE_EMULATOR_HOST", "https://" + storage)
            .put("STORAGE_CA_FILE", tls.trustEmulatorCa() ? tlsDir.resolve("storage-ca.pem").toString() : otherCa(tlsDir));
          // Signed URLs name the emulator by host name, so their TLS carries it as SNI and is checked against it.
          storage += ",localhost:" + stack.emulator.actualTlsPort();
        }
        JsonObject config = new JsonObject()
          .put("HTTP_HOST", "127.0.0.1")
          .put("HTTP_PORT", 0)
          .put("GCS_BUCKET", BUCKET)
          .put("IMAGE_PREFIX", PREFIX)
          .put("STORAGE_EMULATOR_HOST", storage)
          .put("GCS_PROJECT_ID", "test-project")
          .put("STORAGE_TRANSPORT", transport)
          // Fewer connections than one batch has images, so the warm-up surely opens them all.
          .put("STORAGE_POOL_SIZE", 16)
          // Enough attempts that 25% injected errors fail an image with odds of 1e-6, not a flaky percent.
          .put("RETRY_MAX_ATTEMPTS", 10)
          .put("RETRY_BASE_DELAY_MS", 5)
          .put("RETRY_MAX_DELAY_MS", 40)
          .put("BATCH_TIMEOUT_MS", 3000)
          // These tests inject storage errors on purpose; the breaker has its own (StorageFaultsTest).
          .put("STORAGE_BREAKER_WINDOW", 100_000)
          .mergeIn(tlsConfig)
          .mergeIn(extraConfig)
          // The emulator is always fetchable; a test's own entries come on top.
          .put("SIGNED_URL_ALLOWED_HOSTS", storage + "," + extraConfig.getString("SIGNED_URL_ALLOWED_HOSTS", ""))
          .put("SIGNED_URL_PRIVATE_HOSTS", storage + "," + extraConfig.getString("SIGNED_URL_PRIVATE_HOSTS", ""));
        return vertx.deployVerticle(new LoaderVerticle(), new DeploymentOptions().setConfig(config))
          .compose(loader -> {
            stack.api = new ApiVerticle();
            return vertx.deployVerticle(stack.api, new DeploymentOptions().setConfig(config));
          })
          .compose(api -> stack.api.warmedUp());
      })
      .compose(api -> OpenApiContract.load(vertx))
      .map(contract -> {
        stack.contract = contract;
        return stack;
      });
  }

  /** The CA file of a CA that did not issue the emulator's certificate. */
  private static String otherCa(Path tlsDir) {
    Path other = tlsDir.resolve("other");
    return DevTlsCertificate.ensure(other.resolve("cert.pem"), other.resolve("key.pem"), other.resolve("ca.pem"),
      List.of("localhost", "127.0.0.1")).caFile().toString();
  }

  /** Objects of 2–40 KB with random content; {@code img_000.jpg} … under {@link #PREFIX}. */
  private void writeObjects(Path dataDir) {
    Random random = new Random(42);
    try {
      Path folder = dataDir.resolve(BUCKET).resolve(PREFIX);
      Files.createDirectories(folder);
      for (int i = 0; i < OBJECTS; i++) {
        byte[] bytes = new byte[2_000 + random.nextInt(38_000)];
        random.nextBytes(bytes);
        String name = String.format("img_%03d.jpg", i);
        Files.write(folder.resolve(name), bytes);
        objects.put(name, bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String name(int i) {
    return String.format("img_%03d.jpg", i);
  }

  /**
   * A V4 signed URL for one of the objects, signed by the real client with the key the emulator trusts;
   * {@code clockShiftMs} moves the signing time (negative: long expired).
   */
  String signedUrl(String name, long clockShiftMs) {
    try (InputStream in = Files.newInputStream(signingKey)) {
      ServiceAccountCredentials credentials = ServiceAccountCredentials.fromStream(in);
      String endpoint = tls ? "https://localhost:" + emulator.actualTlsPort() : "http://127.0.0.1:" + emulatorPort();
      Storage storage = StorageOptions.http().setHost(endpoint).setProjectId("test-project").setCredentials(credentials)
        .setClock(new ApiClock() {
          @Override
          public long nanoTime() {
            return System.nanoTime() + clockShiftMs * 1_000_000;
          }

          @Override
          public long millisTime() {
            return System.currentTimeMillis() + clockShiftMs;
          }
        })
        .build().getService();
      return storage.signUrl(BlobInfo.newBuilder(BUCKET, PREFIX + name).build(), 10, TimeUnit.MINUTES,
        Storage.SignUrlOption.withV4Signature(), Storage.SignUrlOption.withHostName(endpoint)).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int apiPort() {
    return api.actualPort();
  }

  int emulatorPort() {
    return emulator.actualPort();
  }

  Future<HttpResponse<Buffer>> get(String uri) {
    return checked(HttpMethod.GET, uri, client.get(apiPort(), "127.0.0.1", uri).send());
  }

  Future<HttpResponse<Buffer>> post(String uri, Buffer body) {
    return checked(HttpMethod.POST, uri,
      client.post(apiPort(), "127.0.0.1", uri).putHeader("Content-Type", "application/json").sendBuffer(body));
  }

  /** The response, once it is found to be as the OpenAPI document says; a failed future naming the difference if not. */
  Future<HttpResponse<Buffer>> checked(HttpMethod method, String uri, Future<HttpResponse<Buffer>> response) {
    return response.compose(r -> contract.check(method, uri, r.statusCode(), r.headers(), r.body() == null ? Buffer.buffer() : r.body())
      .map(r));
  }

  Future<JsonObject> emulatorStats() {
    return client.get(emulatorPort(), "127.0.0.1", "/_emulator/stats").send().map(HttpResponse::bodyAsJsonObject);
  }

  Future<Void> faults(JsonObject settings) {
    return client.put(emulatorPort(), "127.0.0.1", "/_emulator/faults").sendJsonObject(settings)
      .compose(r -> r.statusCode() == 200 ? Future.succeededFuture() : Future.failedFuture("faults refused: " + r.bodyAsString()));
  }

  Future<Void> clearFaults() {
    return client.delete(emulatorPort(), "127.0.0.1", "/_emulator/faults").send().mapEmpty();
  }

  /** {@code /images?file_names=a&file_names=b…} for the given names (names must not need encoding). */
  static String imagesQuery(String path, Iterable<String> names) {
    StringBuilder uri = new StringBuilder(path).append('?');
    for (String name : names) {
      uri.append("file_names=").append(name).append('&');
    }
    return uri.substring(0, uri.length() - 1);
  }
}
