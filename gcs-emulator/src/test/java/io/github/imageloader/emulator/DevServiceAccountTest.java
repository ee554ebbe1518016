package io.github.imageloader.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.auth.oauth2.ServiceAccountCredentials;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevServiceAccountTest {

  @TempDir Path dir;

  @Test
  void writesAKeyTheGoogleLibraryLoadsAndOnlyTheOwnerReads() throws Exception {
    Path keyFile = DevServiceAccount.ensure(dir.resolve("nested/dev-key.json"));

    ServiceAccountCredentials credentials;
    try (InputStream in = Files.newInputStream(keyFile)) {
      credentials = ServiceAccountCredentials.fromStream(in);
    }
    assertThat(credentials.getClientEmail()).isEqualTo(DevServiceAccount.CLIENT_EMAIL);
    assertThat(credentials.getProjectId()).isEqualTo(DevServiceAccount.PROJECT_ID);
    JsonObject json = new JsonObject(Files.readString(keyFile));
    assertThat(json.getString("type")).isEqualTo("service_account");
    assertThat(json.getString("private_key")).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(json.getString("private_key_id")).matches("[0-9a-f]{40}");
    assertThat(json.getString("token_uri")).isEqualTo("https://oauth2.googleapis.com/token");
    if (Files.getFileStore(keyFile).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
          .isEqualTo("rw-------");
    }

    byte[] data = "sign me".getBytes(StandardCharsets.UTF_8);
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initVerify(ServiceAccountKey.read(keyFile).publicKey());
    rsa.update(data);
    assertThat(rsa.verify(credentials.sign(data))).isTrue();
  }

  @Test
  void neverOverwritesAnExistingFile() throws IOException {
    Path foreign = dir.resolve("foreign.json");
    Files.writeString(foreign, "{\"keep\":true}");
    Path generated = DevServiceAccount.ensure(dir.resolve("generated.json"));
    String first = Files.readString(generated);

    assertThat(DevServiceAccount.ensure(foreign)).isEqualTo(foreign);
    assertThat(DevServiceAccount.ensure(generated)).isEqualTo(generated);

    assertThat(Files.readString(foreign)).isEqualTo("{\"keep\":true}");
    assertThat(Files.readString(generated)).isEqualTo(first);
  }
}
