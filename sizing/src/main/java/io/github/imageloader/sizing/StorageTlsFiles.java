package io.github.imageloader.sizing;

import java.nio.file.Path;
import java.util.Map;

/**
 * Storage over HTTPS for a measured run, as production reaches GCS: the emulator process also listens with TLS,
 * its dev CA and certificate generated into the run's work directory (never the repository's {@code data/}), and a
 * node trusts that CA through {@code STORAGE_CA_FILE}.
 */
final class StorageTlsFiles {

  private StorageTlsFiles() {
  }

  /** The emulator's settings for its HTTPS listener on {@code tlsPort}, files under {@code dir}. */
  static Map<String, String> emulatorEnv(Path dir, int tlsPort) {
    return Map.of("EMULATOR_TLS", "true", "EMULATOR_TLS_PORT", Integer.toString(tlsPort),
      "EMULATOR_TLS_CERT_FILE", dir.resolve("storage.pem").toAbsolutePath().toString(),
      "EMULATOR_TLS_KEY_FILE", dir.resolve("storage.key").toAbsolutePath().toString(),
      "EMULATOR_TLS_CA_FILE", ca(dir));
  }

  /** A node's settings to reach that listener over HTTPS, trusting the CA. */
  static Map<String, String> nodeEnv(Path dir, int tlsPort) {
    return Map.of("STORAGE_EMULATOR_HOST", "https://127.0.0.1:" + tlsPort, "STORAGE_CA_FILE", ca(dir));
  }

  private static String ca(Path dir) {
    return dir.resolve("storage-ca.pem").toAbsolutePath().toString();
  }
}
