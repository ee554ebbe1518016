package io.github.imageloader.app;

import io.github.imageloader.api.ApiVerticle;
import io.github.imageloader.api.OpsVerticle;
import io.github.imageloader.contract.Codecs;
import io.github.imageloader.contract.ConfigValues;
import io.github.imageloader.emulator.GcsEmulatorVerticle;
import io.github.imageloader.loader.LoaderVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.github.imageloader.contract.UrlAllowList;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

import static io.github.imageloader.contract.ConfigValues.intValue;
import static io.github.imageloader.contract.ConfigValues.list;
import static io.github.imageloader.contract.ConfigValues.string;

/**
 * One node: in dev mode the embedded GCS emulator first, then the roles it is configured for: {@code loader}
 * (and, without {@code api}, a health and metrics server), {@code api}, or {@code emulator} alone.
 * The verticles all receive the node's flat configuration.
 */
public final class ImageLoaderNode {

  private static final Logger LOG = LoggerFactory.getLogger(ImageLoaderNode.class);
  private static final List<String> ROLES = List.of("api", "loader", "emulator");

  private final Vertx vertx;
  private final JsonObject config;
  private GcsEmulatorVerticle emulator;
  private ApiVerticle api;
  private OpsVerticle ops;
  private String emulatorDeployment;
  private String loaderDeployment;
  private String apiDeployment;
  private String opsDeployment;

  private ImageLoaderNode(Vertx vertx, JsonObject config) {
    this.vertx = vertx;
    this.config = config.copy();
  }

  /** Deploys a node's verticles on {@code vertx} with the given (already loaded) configuration. */
  public static Future<ImageLoaderNode> start(Vertx vertx, JsonObject config) {
    ImageLoaderNode node = new ImageLoaderNode(vertx, config);
    return node.deploy().map(node);
  }

  private Future<Void> deploy() {
    String mode = string(config, "MODE", "dev");
    if (!mode.equals("dev") && !mode.equals("prod")) {
      return Future.failedFuture(new IllegalArgumentException("MODE must be dev or prod, not " + mode));
    }
    List<String> roles = list(config, "ROLES", "api,loader");
    for (String role : roles) {
      if (!ROLES.contains(role)) {
        return Future.failedFuture(new IllegalArgumentException("ROLES may hold " + ROLES + ", not " + role));
      }
    }
    Codecs.register(vertx);
    // Dev mode brings its own storage unless pointed elsewhere; ROLES=emulator runs only that, for a cluster to share.
    boolean embeddedEmulator = roles.contains("emulator") || mode.equals("dev")
      && string(config, "STORAGE_EMULATOR_HOST", "").isEmpty() && roles.contains("loader");
    Future<Void> storage = embeddedEmulator ? deployEmulator() : Future.succeededFuture();
    return storage
      .compose(v -> roles.contains("loader") ? deployLoaders() : Future.succeededFuture())
      .compose(v -> roles.contains("api") ? deployApi()
        : roles.contains("loader") ? deployOps() : Future.succeededFuture())
      // Announced once warm: until then /ready says warming_up and the first users would pay for the JIT.
      .compose(v -> api == null ? Future.succeededFuture() : api.warmedUp())
      .onSuccess(v -> LOG.info("Node started: mode={} roles={} clustered={} network={} storage={} transport={}", mode,
        roles, vertx.isClustered(), vertx.isNativeTransportEnabled() ? "epoll" : "nio", string(config, "STORAGE_EMULATOR_HOST", "").isEmpty()
          ? string(config, "STORAGE_ENDPOINT", "") : config.getString("STORAGE_EMULATOR_HOST"),
        string(config, "STORAGE_TRANSPORT", "http")));
  }

  private Future<Void> deployEmulator() {
    emulator = new GcsEmulatorVerticle();
    JsonObject emulatorConfig = new JsonObject()
      .put("host", string(config, "EMULATOR_HOST", "127.0.0.1"))
      .put("port", intValue(config, "EMULATOR_PORT", 4443))
      .put("dataDir", string(config, "EMULATOR_DATA_DIR", "data/gcs"))
      .put("generateSamples", true)
      .put("signedUrlKeyFile", string(config, "EMULATOR_SIGNING_KEY_FILE", "data/dev-service-account.json"))
      .put("latencyMs", intValue(config, "EMULATOR_LATENCY_MS", 0))
      .put("jitterMs", intValue(config, "EMULATOR_JITTER_MS", 0))
      .put("tailRate", ConfigValues.share(config, "EMULATOR_TAIL_RATE", 0))
      .put("tailMs", intValue(config, "EMULATOR_TAIL_MS", 0))
      .put("stallRate", ConfigValues.share(config, "EMULATOR_STALL_RATE", 0))
      .put("stallMs", intValue(config, "EMULATOR_STALL_MS", 0));
    boolean tls = ConfigValues.bool(config, "EMULATOR_TLS", false);
    if (tls) {
      emulatorConfig
        .put("tlsPort", intValue(config, "EMULATOR_TLS_PORT", 4444))
        .put("tlsCertFile", string(config, "EMULATOR_TLS_CERT_FILE", "data/dev-storage-tls.pem"))
        .put("tlsKeyFile", string(config, "EMULATOR_TLS_KEY_FILE", "data/dev-storage-tls.key"))
        .put("tlsCaFile", string(config, "EMULATOR_TLS_CA_FILE", "data/dev-storage-ca.pem"))
        .put("tlsHostNames", new JsonArray(List.of("localhost", "127.0.0.1", "::1", emulatorConfig.getString("host"))));
    }
    return vertx.deployVerticle(emulator, new DeploymentOptions().setConfig(emulatorConfig))
      .map(id -> {
        emulatorDeployment = id;
        String host = emulatorConfig.getString("host");
        String address = host + ":" + emulator.actualPort();
        // Dev mode may also fetch signed URLs from the embedded emulator: exactly its host:port, opted in
        // to the loopback range that is refused for every other port (SSRF policy, README "Security").
        String emulatorEntries = address + ",localhost:" + emulator.actualPort();
        if (tls) {
          // The loaders then reach storage the way production does: over HTTPS, trusting the dev CA.
          config.put("STORAGE_EMULATOR_HOST", "https://" + host + ":" + emulator.actualTlsPort());
          if (string(config, "STORAGE_CA_FILE", "").isEmpty()) {
            config.put("STORAGE_CA_FILE", emulatorConfig.getString("tlsCaFile"));
          }
          emulatorEntries += "," + host + ":" + emulator.actualTlsPort() + ",localhost:" + emulator.actualTlsPort();
          LOG.info("Embedded GCS emulator on https://{}:{} (CA {})", host, emulator.actualTlsPort(),
            config.getString("STORAGE_CA_FILE"));
        } else {
          config.put("STORAGE_EMULATOR_HOST", address);
        }
        config.put("SIGNED_URL_ALLOWED_HOSTS", String.join(",", list(config, "SIGNED_URL_ALLOWED_HOSTS", UrlAllowList.DEFAULT_HOSTS))
          + "," + emulatorEntries);
        config.put("SIGNED_URL_PRIVATE_HOSTS", String.join(",", list(config, "SIGNED_URL_PRIVATE_HOSTS", ""))
          + "," + emulatorEntries);
        LOG.info("Embedded GCS emulator on http://{} serving {}", address, emulatorConfig.getString("dataDir"));
        return null;
      });
  }

  private Future<Void> deployLoaders() {
    return vertx.deployVerticle(LoaderVerticle::new,
        new DeploymentOptions().setConfig(config).setInstances(intValue(config, "LOADER_INSTANCES", 1)))
      .onSuccess(id -> loaderDeployment = id)
      .mapEmpty();
  }

  private Future<Void> deployOps() {
    ops = new OpsVerticle();
    return vertx.deployVerticle(ops, new DeploymentOptions().setConfig(config)).onSuccess(id -> opsDeployment = id).mapEmpty();
  }

  private Future<Void> deployApi() {
    api = new ApiVerticle();
    return vertx.deployVerticle(api, new DeploymentOptions().setConfig(config)).onSuccess(id -> apiDeployment = id).mapEmpty();
  }

  /**
   * Stops the node in the order that loses no request: the api stops accepting and finishes the batches
   * it holds (its loaders, local or remote, still serving them); then the loaders stop taking jobs and
   * finish theirs; then the health server and the embedded emulator go. Each step is bounded by
   * {@code SHUTDOWN_TIMEOUT_MS}; leaving the cluster is {@link Vertx#close()}'s part, afterwards.
   */
  public Future<Void> stop() {
    LOG.info("Node stopping: draining requests and jobs in progress");
    return undeploy(apiDeployment)
      .eventually(() -> undeploy(loaderDeployment))
      .eventually(() -> undeploy(opsDeployment))
      .eventually(() -> undeploy(emulatorDeployment))
      .onSuccess(v -> LOG.info("Node stopped"));
  }

  private Future<Void> undeploy(String deployment) {
    return deployment == null ? Future.succeededFuture() : vertx.undeploy(deployment);
  }

  /** The node's HTTP port: the api's, or the health and metrics server's on a loader-only node; else -1. */
  public int httpPort() {
    return api != null ? api.actualPort() : ops != null ? ops.actualPort() : -1;
  }

  /** The embedded emulator's HTTPS port, or -1 when it serves none or storage is elsewhere. */
  public int emulatorTlsPort() {
    return emulator == null ? -1 : emulator.actualTlsPort();
  }

  /** The embedded emulator's port, or -1 when storage is elsewhere. */
  public int emulatorPort() {
    return emulator == null ? -1 : emulator.actualPort();
  }

  /** The configuration the node runs with, dev-mode additions included. */
  public JsonObject config() {
    return config.copy();
  }
}
