package io.github.imageloader.emulator;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;

/**
 * Deployment configuration of {@link GcsEmulatorVerticle}, read from the verticle's config JSON.
 *
 * @param signedUrlKeyFile service-account JSON key whose signature XML API requests must carry
 *     (generated there if missing, see {@link DevServiceAccount}); {@code null} accepts any request
 */
public record EmulatorConfig(
    String host,
    int port,
    Path dataDir,
    boolean generateSamples,
    long latencyMs,
    long jitterMs,
    Path signedUrlKeyFile) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 4443;

  public EmulatorConfig {
    if (dataDir == null) {
      throw new IllegalArgumentException("gcs-emulator config: 'dataDir' is required");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("gcs-emulator config: invalid port " + port);
    }
    if (latencyMs < 0 || jitterMs < 0) {
      throw new IllegalArgumentException("gcs-emulator config: latencyMs/jitterMs must be >= 0");
    }
  }

  public static EmulatorConfig fromJson(JsonObject json) {
    String dataDir = json.getString("dataDir");
    if (dataDir == null || dataDir.isBlank()) {
      throw new IllegalArgumentException("gcs-emulator config: 'dataDir' is required");
    }
    String signedUrlKeyFile = json.getString("signedUrlKeyFile");
    return new EmulatorConfig(
        json.getString("host", DEFAULT_HOST),
        json.getInteger("port", DEFAULT_PORT),
        Path.of(dataDir).toAbsolutePath().normalize(),
        json.getBoolean("generateSamples", false),
        json.getLong("latencyMs", 0L),
        json.getLong("jitterMs", 0L),
        signedUrlKeyFile == null || signedUrlKeyFile.isBlank()
            ? null
            : Path.of(signedUrlKeyFile).toAbsolutePath().normalize());
  }
}
