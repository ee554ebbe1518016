package io.github.imageloader.emulator;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;

/**
 * The public half of a Google service-account JSON key: who signs ({@code client_email}) and the
 * RSA key that verifies their signatures, derived from the file's private key.
 */
public record ServiceAccountKey(String clientEmail, RSAPublicKey publicKey) {

  public ServiceAccountKey {
    if (clientEmail == null || clientEmail.isBlank() || publicKey == null) {
      throw new IllegalArgumentException("A service account key needs client_email and a key");
    }
  }

  /** Reads a key file; blocking. */
  public static ServiceAccountKey read(Path keyFile) throws IOException {
    JsonObject json;
    try {
      json = new JsonObject(Files.readString(keyFile));
    } catch (DecodeException e) {
      throw new IOException("Service account key " + keyFile + " is not JSON", e);
    }
    String email = json.getString("client_email");
    String privateKey = json.getString("private_key");
    if (!"service_account".equals(json.getString("type")) || email == null || privateKey == null) {
      throw new IOException(
          "Service account key " + keyFile
              + " needs type 'service_account', 'client_email' and 'private_key'");
    }
    try {
      return new ServiceAccountKey(email, publicKeyOf(PemPrivateKey.decodeRsa(privateKey)));
    } catch (GeneralSecurityException e) {
      throw new IOException("Service account key " + keyFile + " has an unusable private_key", e);
    }
  }

  private static RSAPublicKey publicKeyOf(RSAPrivateCrtKey privateKey)
      throws GeneralSecurityException {
    RSAPublicKeySpec spec =
        new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent());
    return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(spec);
  }
}
