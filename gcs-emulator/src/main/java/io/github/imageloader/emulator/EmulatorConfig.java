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
    double tailRate,
    long tailMs,
    double stallRate,
    long stallMs,
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
    if (latencyMs < 0 || jitterMs < 0 || tailMs < 0 || stallMs < 0) {
      throw new IllegalArgumentException(
          "gcs-emulator config: latencyMs/jitterMs/tailMs/stallMs must be >= 0");
    }
    if (!(tailRate >= 0 && tailRate <= 1) || !(stallRate >= 0 && stallRate <= 1)) {
      throw new IllegalArgumentException("gcs-emulator config: tailRate/stallRate must be within 0..1");
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
        json.getDouble("tailRate", 0.0),
        json.getLong("tailMs", 0L),
        json.getDouble("stallRate", 0.0),
        json.getLong("stallMs", 0L),
        signedUrlKeyFile == null || signedUrlKeyFile.isBlank()
            ? null
            : Path.of(signedUrlKeyFile).toAbsolutePath().normalize());
  }
}
