package io.github.imageloader.emulator;

import static com.google.cloud.storage.Storage.SignUrlOption.withExtHeaders;
import static com.google.cloud.storage.Storage.SignUrlOption.withHostName;
import static com.google.cloud.storage.Storage.SignUrlOption.withPathStyle;
import static com.google.cloud.storage.Storage.SignUrlOption.withQueryParams;
import static com.google.cloud.storage.Storage.SignUrlOption.withV4Signature;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.core.ApiClock;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** V4 signed URLs made by the real google-cloud-storage client, checked by the emulator. */
@ExtendWith(VertxExtension.class)
class V4SignedUrlTest {

  private static final String BUCKET = "signed-bucket";
  private static final String PLAIN = "plain.txt";
  private static final String AWKWARD = "photos/cat 1+2 ü€ (copy)~*.jpg";
  private static final byte[] PLAIN_BYTES = "plain object".getBytes(StandardCharsets.UTF_8);
  private static final byte[] AWKWARD_BYTES = Checksums.randomBytes(20_000, 7);

  @TempDir static Path keyDir;
  private static Path signerKey;
  private static Path otherKey;

  @TempDir Path dataDir;
  private int port;
  private String baseUrl;
  private ServiceAccountCredentials signer;
  private WebClient http;

  @BeforeAll
  static void createKeys() {
    signerKey = DevServiceAccount.ensure(keyDir.resolve("dev-signer.json"));
    otherKey = DevServiceAccount.ensure(keyDir.resolve("other-signer.json"));
  }

  @BeforeEach
  void setUp(Vertx vertx) throws IOException {
    write(PLAIN, PLAIN_BYTES);
    write(AWKWARD, AWKWARD_BYTES);
    write("other.txt", "another object".getBytes(StandardCharsets.UTF_8));
    GcsEmulatorVerticle emulator =
        EmulatorFixture.deploy(
            vertx, dataDir, new JsonObject().put("signedUrlKeyFile", signerKey.toString()));
    port = emulator.actualPort();
    baseUrl = "http://127.0.0.1:" + port;
    signer = credentials(signerKey);
    http = WebClient.create(vertx);
  }

  @AfterEach
  void tearDown() {
    http.close();
  }

  @Test
  void correctlySignedUrlsDownloadTheObject() {
    HttpResponse<Buffer> plain = get(sign(signer, PLAIN));
    HttpResponse<Buffer> awkward = get(sign(signer, AWKWARD));

    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(plain.body().getBytes()).isEqualTo(PLAIN_BYTES);
    assertThat(awkward.statusCode()).isEqualTo(200);
    assertThat(awkward.body().getBytes()).isEqualTo(AWKWARD_BYTES);
  }

  @Test
  void signedQueryParametersAndHeadersAreVerified() {
    String url =
        sign(
            signer,
            PLAIN,
            withQueryParams(
                Map.of("response-content-disposition", "attachment; filename=\"a b+c.txt\"")),
            withExtHeaders(Map.of("x-goog-meta-purpose", "test")));

    HttpResponse<Buffer> withHeader =
        send(http.getAbs(url).putHeader("x-goog-meta-purpose", "test"));
    HttpResponse<Buffer> withoutHeader = get(url);

    assertThat(withHeader.statusCode()).isEqualTo(200);
    assertThat(withHeader.body().getBytes()).isEqualTo(PLAIN_BYTES);
    assertRefused(withoutHeader, 403, "SignatureDoesNotMatch");
  }

  @Test
  void expiredUrlIsRefused() {
    Storage signedAnHourAgo = storage(signer, clockShiftedBy(Duration.ofHours(-1)));
    String url = sign(signedAnHourAgo, PLAIN);

    assertRefused(get(url), 400, "ExpiredToken");
  }

  @Test
  void urlDatedInTheFutureIsRefused() {
    Storage signedInAnHour = storage(signer, clockShiftedBy(Duration.ofHours(1)));
    String url = sign(signedInAnHour, PLAIN);

    assertRefused(get(url), 403, "AccessDenied");
  }

  @Test
  void tamperedSignatureIsRefused() {
    String url = sign(signer, PLAIN);
    int at = url.indexOf("X-Goog-Signature=") + "X-Goog-Signature=".length();
    char flipped = url.charAt(at) == '0' ? '1' : '0';
    String tampered = url.substring(0, at) + flipped + url.substring(at + 1);

    assertRefused(get(tampered), 403, "SignatureDoesNotMatch");
  }

  @Test
  void tamperedObjectPathIsRefused() {
    String url = sign(signer, PLAIN);

    assertRefused(get(url.replace("/" + PLAIN + "?", "/other.txt?")), 403, "SignatureDoesNotMatch");
  }

  @Test
  void addedOrChangedQueryParametersAreRefused() {
    String url = sign(signer, PLAIN);

    assertRefused(get(url + "&generation=1"), 403, "SignatureDoesNotMatch");
    assertRefused(get(url.replace("X-Goog-Expires=900", "X-Goog-Expires=901")), 403,
        "SignatureDoesNotMatch");
  }

  @Test
  void urlSignedForAnotherHostIsRefused() {
    String url = sign(signer, PLAIN);

    HttpResponse<Buffer> response =
        send(http.getAbs(url).putHeader("Host", "localhost:" + port));

    assertRefused(response, 403, "SignatureDoesNotMatch");
  }

  @Test
  void urlSignedByAnotherKeyIsRefused() throws IOException {
    ServiceAccountCredentials sameEmailOtherKey = credentials(otherKey);
    ServiceAccountCredentials unknownSigner =
        sameEmailOtherKey.toBuilder()
            .setClientEmail("stranger@elsewhere.iam.gserviceaccount.com")
            .build();

    assertRefused(get(sign(sameEmailOtherKey, PLAIN)), 403, "SignatureDoesNotMatch");
    assertRefused(get(sign(unknownSigner, PLAIN)), 403, "SignatureDoesNotMatch");
  }

  @Test
  void unsignedRequestIsRefused() {
    assertRefused(get(baseUrl + "/" + BUCKET + "/" + PLAIN), 403, "AccessDenied");
  }

  @Test
  void malformedSigningParametersAreRefused() {
    String url = sign(signer, PLAIN);

    HttpResponse<Buffer> badDate =
        get(url.replaceFirst("X-Goog-Date=[^&]*", "X-Goog-Date=yesterday"));

    assertRefused(badDate, 400, "MalformedSecurityHeader");
  }

  @Test
  void aMissingKeyFileIsGeneratedAndTrusted(Vertx vertx) throws IOException {
    Path generatedKey = keyDir.resolve("generated-by-emulator/dev-signer.json");
    GcsEmulatorVerticle emulator =
        EmulatorFixture.deploy(
            vertx, dataDir, new JsonObject().put("signedUrlKeyFile", generatedKey.toString()));
    baseUrl = "http://127.0.0.1:" + emulator.actualPort();

    HttpResponse<Buffer> response = get(sign(credentials(generatedKey), PLAIN));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body().getBytes()).isEqualTo(PLAIN_BYTES);
    assertRefused(get(sign(signer, PLAIN)), 403, "SignatureDoesNotMatch");
  }

  private void write(String name, byte[] content) throws IOException {
    Path file = dataDir.resolve(BUCKET).resolve(name);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
  }

  private String sign(ServiceAccountCredentials credentials, String name,
      Storage.SignUrlOption... extra) {
    return sign(storage(credentials, null), name, extra);
  }

  private String sign(Storage storage, String name, Storage.SignUrlOption... extra) {
    Storage.SignUrlOption[] options = new Storage.SignUrlOption[extra.length + 3];
    options[0] = withV4Signature();
    options[1] = withHostName(baseUrl);
    options[2] = withPathStyle();
    System.arraycopy(extra, 0, options, 3, extra.length);
    return storage
        .signUrl(BlobInfo.newBuilder(BUCKET, name).build(), 15, TimeUnit.MINUTES, options)
        .toString();
  }

  private Storage storage(ServiceAccountCredentials credentials, ApiClock clock) {
    StorageOptions.Builder options =
        StorageOptions.http()
            .setHost(baseUrl)
            .setProjectId(DevServiceAccount.PROJECT_ID)
            .setCredentials(credentials);
    if (clock != null) {
      options.setClock(clock);
    }
    return options.build().getService();
  }

  private static ApiClock clockShiftedBy(Duration shift) {
    return new ApiClock() {
      @Override
      public long nanoTime() {
        return System.nanoTime() + shift.toNanos();
      }

      @Override
      public long millisTime() {
        return System.currentTimeMillis() + shift.toMillis();
      }
    };
  }

  private static ServiceAccountCredentials credentials(Path keyFile) throws IOException {
    try (InputStream in = Files.newInputStream(keyFile)) {
      return ServiceAccountCredentials.fromStream(in);
    }
  }

  private HttpResponse<Buffer> get(String url) {
    return send(http.getAbs(url));
  }

  private static HttpResponse<Buffer> send(HttpRequest<Buffer> request) {
    Future<HttpResponse<Buffer>> response = request.send();
    try {
      return response.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("Request failed", e);
    }
  }

  private static void assertRefused(HttpResponse<Buffer> response, int status, String code) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.bodyAsString()).contains("<Code>" + code + "</Code>");
  }
}
