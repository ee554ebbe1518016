package io.github.imageloader.api;

import io.github.imageloader.contract.AdaptiveLimit;
import io.github.imageloader.contract.UrlAllowList;
import io.vertx.core.json.JsonObject;

import static io.github.imageloader.contract.ConfigValues.intValue;
import static io.github.imageloader.contract.ConfigValues.list;
import static io.github.imageloader.contract.ConfigValues.longValue;
import static io.github.imageloader.contract.ConfigValues.positive;
import static io.github.imageloader.contract.ConfigValues.positiveLong;
import static io.github.imageloader.contract.ConfigValues.string;

/** The api's settings, read from the node's flat configuration (see the README's configuration table). */
record ApiConfig(String httpHost, int httpPort, String bucket, String prefix, int maxBatchSize, long batchTimeoutMs,
                 int maxJobsInFlight, int jobMaxAttempts, int maxBodyBytes, long readyTimeoutMs, UrlAllowList signedUrlHosts,
                 int maxUploadBytes, int maxPromptChars, int maxUploadsInFlight, long uploadReadTimeoutMs,
                 long shutdownTimeoutMs, long maxBytesInFlight, int warmupBatches, int warmupConcurrency,
                 long warmupMaxMs, AuthConfig auth, AdaptiveLimit admission, long loaderSilentAfterMs,
                 long loaderRefusalPauseMs) {

  static ApiConfig from(JsonObject config) {
    return new ApiConfig(
      string(config, "HTTP_HOST", "0.0.0.0"),
      intValue(config, "HTTP_PORT", 8080),
      string(config, "GCS_BUCKET", "my-bucket1008"),
      string(config, "IMAGE_PREFIX", "test-images/"),
      intValue(config, "MAX_BATCH_SIZE", 100),
      longValue(config, "BATCH_TIMEOUT_MS", 10_000),
      intValue(config, "MAX_JOBS_IN_FLIGHT", 2_000),
      intValue(config, "JOB_MAX_ATTEMPTS", 3),
      intValue(config, "MAX_BODY_BYTES", 1_048_576),
      longValue(config, "READY_TIMEOUT_MS", 2_000),
      new UrlAllowList(list(config, "SIGNED_URL_ALLOWED_HOSTS", UrlAllowList.DEFAULT_HOSTS),
        list(config, "SIGNED_URL_PRIVATE_HOSTS", "")),
      positive(config, "MAX_UPLOAD_BYTES", 10_485_760),
      positive(config, "MAX_PROMPT_CHARS", 2_000),
      positive(config, "MAX_UPLOADS_IN_FLIGHT", 16),
      positive(config, "UPLOAD_READ_TIMEOUT_MS", 30_000),
      longValue(config, "SHUTDOWN_TIMEOUT_MS", 15_000),
      positiveLong(config, "MAX_BYTES_IN_FLIGHT", 67_108_864),
      // absent (an embedded or test configuration): no warm-up; conf/default.json turns it on for a node
      intValue(config, "WARMUP_BATCHES", 0),
      positive(config, "WARMUP_CONCURRENCY", 8),
      positiveLong(config, "WARMUP_MAX_MS", 60_000),
      AuthConfig.from(config),
      AdaptiveLimit.from(config, "ADMISSION_", "gradient2", 64, 4, 1000, 2.0),
      positiveLong(config, "LOADER_SILENT_AFTER_MS", 3_000),
      positiveLong(config, "LOADER_REFUSAL_PAUSE_MS", 200));
  }
}
