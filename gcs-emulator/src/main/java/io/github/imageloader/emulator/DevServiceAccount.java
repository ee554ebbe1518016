package io.github.imageloader.emulator;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A development-only service account: an RSA key generated on this machine and written as a
 * Google service-account JSON key, so signed URLs can be made and checked against the emulator
 * without real Google credentials. The key grants nothing anywhere else; never commit it.
 */
public final class DevServiceAccount {

  public static final String PROJECT_ID = "local-project";
  public static final String CLIENT_EMAIL = "dev-signer@local-project.iam.gserviceaccount.com";

  private static final Logger LOG = LoggerFactory.getLogger(DevServiceAccount.class);
  private static final String TOKEN_URI = "https://oauth2.googleapis.com/token";

  private DevServiceAccount() {}

  /**
   * Writes a freshly generated key to {@code keyFile} unless a file is already there; an existing
   * file is never overwritten or checked. Blocking.
   *
   * @return {@code keyFile}
   * @throws UncheckedIOException if the file cannot be created or written
   */
  public static Path ensure(Path keyFile) {
    if (Files.exists(keyFile)) {
      return keyFile;
    }
    String json = generateKeyJson().encodePrettily();
    try {
      Path parent = keyFile.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      // Create-new semantics: if someone else created the file in the meantime, keep theirs.
      Files.createFile(keyFile, ownerOnly(keyFile));
    } catch (FileAlreadyExistsException e) {
      return keyFile;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create service account key " + keyFile, e);
    }
    try {
      Files.writeString(keyFile, json, StandardCharsets.UTF_8);
    } catch (IOException e) {
      deleteQuietly(keyFile);
      throw new UncheckedIOException("Cannot write service account key " + keyFile, e);
    }
    LOG.info("Generated development service account key {} for {}", keyFile, CLIENT_EMAIL);
    return keyFile;
  }

  private static JsonObject generateKeyJson() {
    KeyPair keyPair = newRsaKeyPair();
    SecureRandom random = new SecureRandom();
    byte[] keyId = new byte[20];
    random.nextBytes(keyId);
    return new JsonObject()
        .put("type", "service_account")
        .put("project_id", PROJECT_ID)
        .put("private_key_id", HexFormat.of().formatHex(keyId))
        .put("private_key", PemPrivateKey.encode(keyPair.getPrivate()))
        .put("client_email", CLIENT_EMAIL)
        .put("client_id", new BigInteger(63, random).toString())
        .put("token_uri", TOKEN_URI);
  }

  private static KeyPair newRsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JDK has no RSA key generator", e);
    }
  }

  private static FileAttribute<?>[] ownerOnly(Path file) {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[] {
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
      };
    }
    return new FileAttribute<?>[0];
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("Cannot remove incomplete key file {}", file, e);
    }
  }
}
