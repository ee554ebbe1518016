package io.github.imageloader.loader;

import io.github.imageloader.contract.AdaptiveLimit;
import io.github.imageloader.contract.ConfigValues;
import io.github.imageloader.contract.UrlAllowList;
import io.vertx.core.json.JsonObject;

import java.util.List;

import static io.github.imageloader.contract.ConfigValues.intValue;
import static io.github.imageloader.contract.ConfigValues.list;
import static io.github.imageloader.contract.ConfigValues.positive;
import static io.github.imageloader.contract.ConfigValues.string;

/** The loader's settings, read from the node's flat configuration (see the README's configuration table). */
record LoaderConfig(String transport, String endpoint, boolean emulator, String projectId, int poolSize,
                    long attemptTimeoutMs, int retryMaxAttempts, long retryBaseDelayMs, long retryMaxDelayMs,
                    List<String> signedUrlAllowedHosts, List<String> signedUrlPrivateHosts, BreakerSettings breaker,
                    long drainTimeoutMs, long maxBytesInFlight, TailSettings tail, AdaptiveLimit admission,
                    String clusterNodeId, long announceEveryMs, LoaderWarmup.Settings warmup, StorageTls tls) {

  static final String REAL_GCS = "https://storage.googleapis.com";

  static LoaderConfig from(JsonObject config) {
    String emulatorHost = string(config, "STORAGE_EMULATOR_HOST", "");
    boolean emulator = !emulatorHost.isEmpty();
    String endpoint = emulator ? withScheme(emulatorHost) : string(config, "STORAGE_ENDPOINT", REAL_GCS);
    String transport = string(config, "STORAGE_TRANSPORT", "http");
    if (!transport.equals("http") && !transport.equals("sdk")) {
      throw new IllegalArgumentException("STORAGE_TRANSPORT must be http or sdk, not " + transport);
    }
    return new LoaderConfig(
      transport,
      endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint,
      emulator,
      string(config, "GCS_PROJECT_ID", ""),
      intValue(config, "STORAGE_POOL_SIZE", 64),
      intValue(config, "STORAGE_ATTEMPT_TIMEOUT_MS", 5000),
      intValue(config, "RETRY_MAX_ATTEMPTS", 8),
      intValue(config, "RETRY_BASE_DELAY_MS", 50),
      intValue(config, "RETRY_MAX_DELAY_MS", 1000),
      list(config, "SIGNED_URL_ALLOWED_HOSTS", UrlAllowList.DEFAULT_HOSTS),
      list(config, "SIGNED_URL_PRIVATE_HOSTS", ""),
      new BreakerSettings(
        percent(config, "STORAGE_BREAKER_FAILURE_RATE", 50),
        positive(config, "STORAGE_BREAKER_WINDOW", 50),
        positive(config, "STORAGE_BREAKER_OPEN_MS", 2000)),
      intValue(config, "SHUTDOWN_TIMEOUT_MS", 15_000),
      ConfigValues.positiveLong(config, "MAX_BYTES_IN_FLIGHT", 67_108_864),
      new TailSettings(
        ConfigValues.bool(config, "HEDGE_READS", true),
        positive(config, "HEDGE_DELAY_MIN_MS", 100),
        positive(config, "HEDGE_DELAY_MAX_MS", 1000),
        percent(config, "HEDGE_BUDGET_PERCENT", 5),
        positive(config, "HEDGES_MAX", 2),
        positive(config, "READ_STALL_MIN_MS", 250),
        positive(config, "READ_STALL_MAX_MS", 2000),
        intValue(config, "READ_RESUMES_MAX", 2)),
      AdaptiveLimit.from(config, "LOADER_ADMISSION_", "gradient2", 1000, 100, 5000, 3.0),
      // Set by the node once it has joined the cluster; the apis fail jobs over when this member leaves.
      string(config, "CLUSTER_NODE_ID", ""),
      positive(config, "LOADER_ANNOUNCE_MS", 500),
      new LoaderWarmup.Settings(
        // absent (an embedded or test configuration): no warm-up; conf/default.json turns it on for a node
        intValue(config, "LOADER_WARMUP_READS", 0),
        positive(config, "LOADER_WARMUP_CONCURRENCY", 16),
        ConfigValues.positiveLong(config, "WARMUP_MAX_MS", 60_000),
        intValue(config, "STORAGE_ATTEMPT_TIMEOUT_MS", 5000),
        string(config, "GCS_BUCKET", "my-bucket1008"),
        string(config, "IMAGE_PREFIX", "test-images/")),
      StorageTls.of(string(config, "STORAGE_CA_FILE", ""), string(config, "STORAGE_TLS_ENGINE", "openssl"),
        string(config, "STORAGE_HTTP_VERSION", "1.1")));
  }

  /**
   * How long a job may go unanswered here while this loader is healthy: one storage attempt and the longest
   * back-off after it. The apis re-send a job elsewhere only past this (the message was lost), never sooner;
   * the batch deadline still bounds everything.
   */
  long jobBudgetMs() {
    return attemptTimeoutMs + retryMaxDelayMs;
  }

  private static int percent(JsonObject config, String key, int defaultValue) {
    int value = intValue(config, key, defaultValue);
    if (value < 1 || value > 100) {
      throw new IllegalArgumentException(key + " must be a percentage from 1 to 100, not " + value);
    }
    return value;
  }

  /** {@code STORAGE_EMULATOR_HOST} is {@code host:port} by the Google libraries' convention, a URL by some tools'. */
  private static String withScheme(String host) {
    return host.startsWith("http://") || host.startsWith("https://") ? host : "http://" + host;
  }
}
