package io.github.imageloader.emulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;

/**
 * Deployment configuration of {@link GcsEmulatorVerticle}, read from the verticle's config JSON.
 *
 * @param signedUrlKeyFile service-account JSON key whose signature XML API requests must carry
 *     (generated there if missing, see {@link DevServiceAccount}); {@code null} accepts any request
 * @param tlsPort where the same API is also served over HTTPS ({@code 0}: any free port), or {@code -1} for none
 * @param tlsCertFile PEM certificate chain of the HTTPS listener (generated with {@code tlsKeyFile} and
 *     {@code tlsCaFile} if missing, see {@link DevTlsCertificate})
 * @param tlsKeyFile its PEM (PKCS#8) private key
 * @param tlsCaFile where a generated certificate's CA goes, for clients to trust
 * @param tlsHostNames the DNS names and IP literals a generated certificate is valid for
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
    Path signedUrlKeyFile,
    int tlsPort,
    Path tlsCertFile,
    Path tlsKeyFile,
    Path tlsCaFile,
    List<String> tlsHostNames) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 4443;
  public static final List<String> DEFAULT_TLS_HOST_NAMES = List.of("localhost", "127.0.0.1", "::1");

  public EmulatorConfig {
    if (dataDir == null) {
      throw new IllegalArgumentException("gcs-emulator config: 'dataDir' is required");
    }
    if (tlsPort < -1 || tlsPort > 65535) {
      throw new IllegalArgumentException("gcs-emulator config: invalid tlsPort " + tlsPort);
    }
    if (tlsPort >= 0 && (tlsCertFile == null || tlsKeyFile == null || tlsCaFile == null || tlsHostNames.isEmpty())) {
      throw new IllegalArgumentException(
          "gcs-emulator config: HTTPS needs 'tlsCertFile', 'tlsKeyFile', 'tlsCaFile' and 'tlsHostNames'");
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
        path(signedUrlKeyFile),
        json.getInteger("tlsPort", -1),
        path(json.getString("tlsCertFile")),
        path(json.getString("tlsKeyFile")),
        path(json.getString("tlsCaFile")),
        json.getJsonArray("tlsHostNames", new JsonArray(DEFAULT_TLS_HOST_NAMES)).stream()
            .map(String::valueOf).toList());
  }

  /** Whether the API is also served over HTTPS. */
  public boolean tls() {
    return tlsPort >= 0;
  }

  private static Path path(String value) {
    return value == null || value.isBlank() ? null : Path.of(value).toAbsolutePath().normalize();
  }
}
