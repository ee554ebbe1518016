package io.github.imageloader.api;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input suite with authentication on ({@code AUTH_MODE=token,jwt}, issuer, audience, required scope):
 * every protected route × every bad credential is a 401 {@code WWW-Authenticate: Bearer} (or 403 for a valid
 * JWT without the scope); probes stay public; a good credential still gets the exact validation errors.
 */
@ExtendWith({VertxExtension.class, NoErrorLines.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputWithAuthTest {

  private static final String STATIC_TOKEN = "static-token-0123456789abcdef";
  private static final String SECRET = "hs256-test-secret-0123456789abcdef0123";
  private static final String ISSUER = "https://issuer.test";
  private static final String AUDIENCE = "image-batch-loader";
  private static final String SCOPE = "images:load";

  private TestStack stack;
  private BadInputClients clients;
  private JWTAuth signer;
  private JWTAuth wrongSigner;

  @BeforeAll
  void start(Vertx vertx, @TempDir Path dataDir) {
    JsonObject config = new JsonObject()
      .put("AUTH_MODE", "token,jwt")
      .put("AUTH_TOKENS", STATIC_TOKEN)
      .put("JWT_HS256_SECRET", SECRET)
      .put("JWT_ISSUER", ISSUER)
      .put("JWT_AUDIENCE", AUDIENCE)
      .put("JWT_REQUIRED_SCOPE", SCOPE);
    stack = TestStack.start(vertx, dataDir, "http", config).await();
    clients = BadInputClients.create(vertx, stack);
    signer = hs256(vertx, SECRET);
    wrongSigner = hs256(vertx, "another-secret-that-is-long-enough-000000");
  }

  @AfterAll
  void stop() {
    clients.close().await();
  }

  private static JWTAuth hs256(Vertx vertx, String secret) {
    return JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256")
      .setBuffer(Buffer.buffer(secret))));
  }

  private JsonObject claims() {
    long now = System.currentTimeMillis() / 1000;
    return new JsonObject().put("sub", "tester").put("iss", ISSUER).put("aud", AUDIENCE).put("scope", "other " + SCOPE)
      .put("iat", now).put("exp", now + 600);
  }

  private String jwt(JWTAuth with, JsonObject claims) {
    return with.generateToken(claims, new JWTOptions().setAlgorithm("HS256").setNoTimestamp(true));
  }

  private static String base64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** Authorization header values that must all be refused with 401, by what is wrong with them. */
  private Map<String, String> badCredentials() {
    long now = System.currentTimeMillis() / 1000;
    String good = jwt(signer, claims());
    String[] parts = good.split("\\.");
    Map<String, String> bad = new java.util.LinkedHashMap<>();
    bad.put("empty bearer", "Bearer ");
    bad.put("basic scheme", "Basic dXNlcjpwYXNzd29yZA==");
    bad.put("no scheme", STATIC_TOKEN);
    bad.put("unknown static token", "Bearer unknown-token-0123456789abcdef");
    bad.put("static token with a suffix", "Bearer " + STATIC_TOKEN + "x");
    bad.put("static token prefix", "Bearer " + STATIC_TOKEN.substring(0, 20));
    bad.put("space in token", "Bearer abc def");
    bad.put("quote in token", "Bearer \"" + STATIC_TOKEN + "\"");
    bad.put("JWT with wrong signature", "Bearer " + jwt(wrongSigner, claims()));
    bad.put("expired JWT", "Bearer " + jwt(signer, claims().put("iat", now - 7200).put("exp", now - 3600)));
    bad.put("JWT not valid yet", "Bearer " + jwt(signer, claims().put("nbf", now + 3600)));
    bad.put("JWT for another audience", "Bearer " + jwt(signer, claims().put("aud", "someone-else")));
    bad.put("JWT from another issuer", "Bearer " + jwt(signer, claims().put("iss", "https://evil.test")));
    bad.put("JWT without issuer", "Bearer " + jwt(signer, claims().put("iss", (String) null)));
    bad.put("unsigned JWT (alg none)", "Bearer " + base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
      + base64(claims().encode()) + ".");
    bad.put("tampered JWT payload", "Bearer " + parts[0] + "." + base64(claims().put("sub", "admin").encode()) + "." + parts[2]);
    bad.put("JWT without signature", "Bearer " + parts[0] + "." + parts[1] + ".");
    bad.put("garbage JWT", "Bearer aaa.bbb.ccc");
    return bad;
  }

  private List<Function<BadInputClients, io.vertx.core.Future<BadInputCase.Reply>>> protectedRequests() {
    String names = "{\"names\":[\"img_000.jpg\"]}";
    return List.of(
      c -> c.get("/images?file_names=img_000.jpg"),
      c -> c.get("/images/archive?file_names=img_000.jpg"),
      c -> c.postJson("/images/batch", Buffer.buffer(names)),
      c -> c.postJson("/load-images", new JsonArray().add("http://169.254.169.254/").toBuffer()),
      c -> c.request(HttpMethod.POST, "/images", MultiMap.caseInsensitiveMultiMap().add("Content-Type", "image/jpeg"),
        Buffer.buffer(new byte[] {1, 2, 3})),
      c -> c.request(HttpMethod.DELETE, "/images", null, null),
      c -> c.get("/nope"),
      c -> c.get("/health/../images?file_names=img_000.jpg"));
  }

  private static final List<String> ROUTE_LABELS = List.of("GET /images", "GET /images/archive", "POST /images/batch",
    "POST /load-images", "POST /images (added later)", "DELETE /images", "GET /nope", "GET /health/../images");

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void everyProtectedRouteRefusesEveryBadCredential() {
    List<BadInputCase> cases = new ArrayList<>();
    var requests = protectedRequests();
    for (int r = 0; r < requests.size(); r++) {
      var send = requests.get(r);
      String route = ROUTE_LABELS.get(r);
      cases.add(new BadInputCase(route + " without credentials", send, 401, "unauthorized"));
      for (var credential : badCredentials().entrySet()) {
        BadInputClients withCredential = clients.withAuthorization(credential.getValue());
        cases.add(new BadInputCase(route + " with " + credential.getKey(), c -> send.apply(withCredential), 401, "invalid_token"));
      }
      BadInputClients noScope = clients.withAuthorization("Bearer " + jwt(signer, claims().put("scope", "images:read")));
      cases.add(new BadInputCase(route + " with a JWT lacking the scope", c -> send.apply(noScope), 403, "insufficient_scope"));
      MultiMap two = MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + STATIC_TOKEN)
        .add("Authorization", "Bearer " + STATIC_TOKEN);
      if (r == 0) {
        cases.add(new BadInputCase(route + " with two Authorization headers",
          c -> c.request(HttpMethod.GET, "/images?file_names=img_000.jpg", two, null), 401, "invalid_token"));
      }
    }
    // With a valid credential, validation answers exactly as without authentication, and so does the decoder.
    for (String authorization : List.of("Bearer " + STATIC_TOKEN, "Bearer " + jwt(signer, claims()))) {
      BadInputClients good = clients.withAuthorization(authorization);
      for (BadInputCase c : BadInputCatalog.jsonBodies()) {
        cases.add(new BadInputCase(c.label() + " (authenticated)", x -> c.send().apply(good), c.status(), c.error()));
      }
      for (BadInputCase c : BadInputCatalog.framing(authorization)) {
        cases.add(new BadInputCase(c.label() + " (authenticated)", c.send(), c.status(), c.error()));
      }
    }
    assertThat(cases.size()).isGreaterThan(250);
    LoggerFactory.getLogger(BadInputTest.class).info("Bad-input with auth: {} cases", cases.size());
    List<String> mismatches = BadInputRunner.run(clients, cases);
    assertThat(mismatches).as(cases.size() + " cases").isEmpty();

    // The challenge says Bearer, and why, without echoing the token.
    BadInputClients expired = clients.withAuthorization(badCredentials().get("expired JWT"));
    BadInputCase.Reply reply = expired.get("/images?file_names=img_000.jpg").await();
    assertThat(reply.headers().get("WWW-Authenticate")).startsWith("Bearer realm=").contains("error=\"invalid_token\"");
    assertThat(reply.body()).contains("expired").doesNotContain(badCredentials().get("expired JWT").substring(7, 30));
    BadInputCase.Reply missing = clients.get("/images?file_names=img_000.jpg").await();
    assertThat(missing.headers().get("WWW-Authenticate")).isEqualTo("Bearer realm=\"image-batch-loader\"");
    BadInputCase.Reply unknown = clients.withAuthorization("Bearer unknown-token-0123456789abcdef").get("/images").await();
    assertThat(unknown.body() + unknown.headers()).doesNotContain("unknown-token-0123456789abcdef");
  }

  @Test
  void probesArePublicAndGoodCredentialsLoad() {
    for (String path : List.of("/", "/health", "/ready", "/openapi.json")) {
      assertThat(clients.get(path).await().status()).as(path).isEqualTo(200);
    }
    // The test's Vert.x has no metrics registry, so /metrics is a 404 here; what matters is that it is not a 401.
    assertThat(clients.get("/metrics").await().status()).as("/metrics").isNotIn(401, 403);
    assertThat(clients.withAuthorization("Bearer " + STATIC_TOKEN).get("/images?file_names=img_000.jpg").await().status())
      .isEqualTo(200);
    BadInputClients jwtClient = clients.withAuthorization("bearer " + jwt(signer, claims().put("scope", new JsonArray().add(SCOPE))));
    assertThat(jwtClient.get("/images?file_names=img_000.jpg&file_names=img_001.jpg").await().status()).isEqualTo(200);
    BadInputCase.Reply signed = jwtClient.postJson("/load-images", new JsonArray().add(stack.signedUrl(stack.name(2), 0)).toBuffer()).await();
    assertThat(signed.status()).as(signed.body()).isEqualTo(200);
    assertThat(clients.get("/health").await().status()).isEqualTo(200);
  }

  /**
   * The upload form is read as it streams in, so the authentication in front of it (asynchronous for JWTs)
   * must not lose its first chunks: an authorized multi-chunk upload is stored whole.
   */
  @Test
  void authorizedUploadsAreStoredWhole(Vertx vertx) {
    byte[] image = TestImages.jpeg(800, 600);
    WebClient web = WebClient.create(vertx);
    for (String token : List.of(STATIC_TOKEN, jwt(signer, claims().put("scope", new JsonArray().add(SCOPE))))) {
      MultipartForm form = MultipartForm.create().attribute("prompt", "brighter")
        .binaryFileUpload("beforeImagePath", "a.jpg", Buffer.buffer(image), "image/jpeg");
      HttpResponse<Buffer> stored = web.post(stack.apiPort(), "127.0.0.1", "/images").bearerTokenAuthentication(token)
        .sendMultipartForm(form).await();
      assertThat(stored.statusCode()).as(stored.bodyAsString()).isEqualTo(201);
      assertThat(stored.bodyAsJsonObject().getLong("size")).isEqualTo(image.length);
    }
    MultipartForm anonymous = MultipartForm.create().attribute("prompt", "p")
      .binaryFileUpload("beforeImagePath", "a.jpg", Buffer.buffer(image), "image/jpeg");
    assertThat(web.post(stack.apiPort(), "127.0.0.1", "/images").sendMultipartForm(anonymous).await().statusCode()).isEqualTo(401);
  }
}
