package io.github.imageloader.api;

import ch.qos.logback.classic.Level;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Claim-type fuzzing for {@code AUTH_MODE=jwt}: correctly signed tokens whose registered claims (and {@code alg}
 * header) hold every JSON type, against three nodes that each trust one kind of key: an HS256 secret, an RS256
 * public key in a PEM file, and an RS256 key in a JWKS file (both RSA keys made here, at run time). Every such
 * token is a 401 {@code invalid_token} (403 {@code insufficient_scope} for a well-formed scope that lacks the
 * required one), never a 5xx, and the node logs no ERROR line. Tokens are built and signed by hand, since a
 * JWT library refuses to write most of them.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwtClaimTypesTest {

  private static final String SECRET = "hs256-test-secret-0123456789abcdef0123";
  private static final String ISSUER = "https://issuer.test";
  private static final String AUDIENCE = "image-batch-loader";
  private static final String SCOPE = "images:load";
  private static final String KID = "key-1";
  private static final List<String> CLAIMS = List.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "scope");
  private static final List<String> TYPES =
    List.of("string", "number", "float", "negative", "huge", "huge exponent", "array", "object", "null", "boolean");
  private static final String PROTECTED = "/images?file_names=img_000.jpg";

  /** One node and how to sign for it. */
  private record Node(String kind, BadInputClients clients, String alg, Signer signer) {
  }

  @FunctionalInterface
  private interface Signer {
    byte[] sign(byte[] input) throws GeneralSecurityException;
  }

  private final List<Node> nodes = new ArrayList<>();
  private final List<BadInputClients> toClose = new ArrayList<>();
  private String rsaPublicPem;

  @BeforeAll
  void start(Vertx vertx, @TempDir Path dir) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pem = generator.generateKeyPair();
    KeyPair jwks = generator.generateKeyPair();
    rsaPublicPem = "-----BEGIN PUBLIC KEY-----\n"
      + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pem.getPublic().getEncoded())
      + "\n-----END PUBLIC KEY-----\n";
    Path pemFile = Files.writeString(dir.resolve("jwt-public.pem"), rsaPublicPem);
    RSAPublicKey jwksKey = (RSAPublicKey) jwks.getPublic();
    JsonObject jwk = new JsonObject().put("kty", "RSA").put("kid", KID).put("alg", "RS256").put("use", "sig")
      .put("n", base64(unsigned(jwksKey.getModulus()))).put("e", base64(unsigned(jwksKey.getPublicExponent())));
    Path jwksFile = Files.writeString(dir.resolve("jwks.json"), new JsonObject().put("keys", new JsonArray().add(jwk)).encode());

    JsonObject common = new JsonObject().put("AUTH_MODE", "jwt").put("JWT_ISSUER", ISSUER).put("JWT_AUDIENCE", AUDIENCE)
      .put("JWT_REQUIRED_SCOPE", SCOPE);
    nodes.add(node(vertx, dir, "HS256 secret", common.copy().put("JWT_HS256_SECRET", SECRET), "HS256",
      input -> hmac(SECRET.getBytes(StandardCharsets.UTF_8), input)));
    nodes.add(node(vertx, dir, "RS256 PEM key", common.copy().put("JWT_PUBLIC_KEY_FILE", pemFile.toString()), "RS256",
      input -> rsa(pem, input)));
    nodes.add(node(vertx, dir, "RS256 JWKS key", common.copy().put("JWT_JWKS_FILE", jwksFile.toString()), "RS256",
      input -> rsa(jwks, input)));
  }

  private Node node(Vertx vertx, Path dir, String kind, JsonObject config, String alg, Signer signer) {
    TestStack stack = TestStack.start(vertx, dir.resolve(kind.replace(' ', '-')), "http", config).await();
    BadInputClients clients = BadInputClients.create(vertx, stack);
    toClose.add(clients);
    return new Node(kind, clients, alg, signer);
  }

  @AfterAll
  void stop() {
    toClose.forEach(c -> c.close().await());
  }

  /** The claims of a token this node accepts, each as the JSON text it is written with. */
  private static Map<String, String> goodClaims() {
    long now = System.currentTimeMillis() / 1000;
    Map<String, String> claims = new LinkedHashMap<>();
    claims.put("iss", quote(ISSUER));
    claims.put("sub", quote("tester"));
    claims.put("aud", quote(AUDIENCE));
    claims.put("exp", String.valueOf(now + 600));
    claims.put("nbf", String.valueOf(now - 60));
    claims.put("iat", String.valueOf(now - 60));
    claims.put("jti", quote("token-1"));
    claims.put("scope", quote("other " + SCOPE));
    return claims;
  }

  /**
   * The JSON text of {@code claim} as a value of {@code type}: a wrong type, or for a claim of that very type a
   * value it must be refused for (another issuer, a past expiry, a future not-before, a scope without the
   * required one); {@code null} for a string {@code sub} or {@code jti}, which any string satisfies.
   */
  private static String value(String claim, String type, String good) {
    long now = System.currentTimeMillis() / 1000;
    boolean date = List.of("exp", "nbf", "iat").contains(claim);
    long wrongTime = claim.equals("exp") ? now - 3600 : now + 3600;
    return switch (type) {
      case "string" -> switch (claim) {
        case "iss" -> quote("https://evil.test");
        case "aud" -> quote("someone-else");
        case "scope" -> quote("images:read");
        case "sub", "jti" -> null;
        default -> quote("tomorrow");
      };
      case "number" -> date ? String.valueOf(wrongTime) : "42";
      case "float" -> date ? wrongTime + ".5" : "1.5";
      case "negative" -> "-1";
      case "huge" -> "123456789012345678901234567890";
      case "huge exponent" -> "1e400";
      case "array" -> switch (claim) {
        case "aud" -> "[" + quote("someone-else") + "]";
        case "scope" -> "[" + quote("images:read") + "]";
        default -> "[" + good + "]";
      };
      case "object" -> "{\"value\":" + good + "}";
      case "null" -> "null";
      case "boolean" -> "true";
      default -> throw new IllegalArgumentException(type);
    };
  }

  /** 403 for a well-formed scope without the required one; 401 for everything else. */
  private static int expectedStatus(String claim, String type) {
    return claim.equals("scope") && List.of("string", "array").contains(type) ? 403 : 401;
  }

  /**
   * Every matrix token is correctly signed, so a refusal that blames the signature means the case did not test
   * its claim (a signing mistake here); such an answer is turned into a mismatch.
   */
  private static Future<BadInputCase.Reply> refusedForItsClaims(Future<BadInputCase.Reply> reply) {
    return reply.map(r -> r.body().contains("signature") ? new BadInputCase.Reply(0, r.headers(), "refused for its signature: " + r.body()) : r);
  }

  private String token(Node node, Map<String, String> claims, String alg, Signer signer) throws GeneralSecurityException {
    String header = "{\"alg\":" + alg + ",\"typ\":\"JWT\"" + (node.kind().contains("JWKS") ? ",\"kid\":" + quote(KID) : "") + "}";
    StringBuilder payload = new StringBuilder("{");
    claims.forEach((name, json) -> payload.append(payload.length() > 1 ? "," : "").append(quote(name)).append(':').append(json));
    String input = base64(header.getBytes(StandardCharsets.UTF_8)) + "." + base64(payload.append('}').toString().getBytes(StandardCharsets.UTF_8));
    return input + "." + base64(signer.sign(input.getBytes(StandardCharsets.US_ASCII)));
  }

  private List<BadInputCase> matrix(Node node) throws GeneralSecurityException {
    List<BadInputCase> cases = new ArrayList<>();
    for (String claim : CLAIMS) {
      for (String type : TYPES) {
        Map<String, String> claims = goodClaims();
        String value = value(claim, type, claims.get(claim));
        if (value == null) {
          continue;
        }
        claims.put(claim, value);
        String token = token(node, claims, quote(node.alg()), node.signer());
        int status = expectedStatus(claim, type);
        cases.add(new BadInputCase(node.kind() + ": " + claim + " as " + type + " " + value,
          c -> refusedForItsClaims(node.clients().withAuthorization("Bearer " + token).get(PROTECTED)), status,
          status == 403 ? "insufficient_scope" : "invalid_token"));
      }
    }
    // The header's alg, every type; as a string, the algorithm-confusion attack on the RSA nodes: HS256 keyed
    // with the public key, which an attacker has.
    for (String type : TYPES) {
      String alg = switch (type) {
        case "string" -> node.alg().equals("HS256") ? quote("HS512") : quote("HS256");
        default -> value("jti", type, quote(node.alg()));
      };
      Signer signer = type.equals("string") && !node.alg().equals("HS256")
        ? input -> hmac(rsaPublicPem.getBytes(StandardCharsets.UTF_8), input) : node.signer();
      String token = token(node, goodClaims(), alg, signer);
      cases.add(new BadInputCase(node.kind() + ": alg as " + type + " " + alg,
        c -> node.clients().withAuthorization("Bearer " + token).get(PROTECTED), 401, "invalid_token"));
    }
    return cases;
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void everyClaimOfEveryTypeIsRefusedWith401Or403OnEveryKeyKind() throws Exception {
    try (LogCapture log = LogCapture.record()) {
      for (Node node : nodes) {
        // The control: the same hand-made token, well typed, loads; so what the matrix refuses is refused for its claim.
        String good = token(node, goodClaims(), quote(node.alg()), node.signer());
        BadInputCase.Reply accepted = node.clients().withAuthorization("Bearer " + good).get(PROTECTED).await();
        assertThat(accepted.status()).as(node.kind() + " control: " + accepted.body()).isEqualTo(200);

        List<BadInputCase> cases = matrix(node);
        assertThat(cases).as(node.kind()).hasSize(CLAIMS.size() * TYPES.size() - 2 + TYPES.size());
        LoggerFactory.getLogger(BadInputTest.class).info("Claim-type matrix, {}: {} cases", node.kind(), cases.size());
        assertThat(BadInputRunner.run(node.clients(), cases)).as(node.kind() + ", " + cases.size() + " cases").isEmpty();
      }
      assertThat(log.errorLines()).as("ERROR lines logged while the matrix ran").isEmpty();
    }
  }

  /** The case of the report: a signed token with {@code "exp":"tomorrow"} made the library throw (a 500). */
  @Test
  void aTokenTheLibraryThrowsOnIsOne401AndOneWarnLineWithoutTheToken() throws Exception {
    Node node = nodes.get(0);
    Map<String, String> claims = goodClaims();
    claims.put("exp", quote("tomorrow"));
    String token = token(node, claims, quote(node.alg()), node.signer());
    try (LogCapture log = LogCapture.record()) {
      BadInputCase.Reply reply = node.clients().withAuthorization("Bearer " + token).get(PROTECTED).await();
      assertThat(reply.status()).as(reply.body()).isEqualTo(401);
      assertThat(reply.headers().get("WWW-Authenticate")).contains("error=\"invalid_token\"");
      assertThat(new JsonObject(reply.body()).getString("message")).contains("'exp'");
      String requestId = new JsonObject(reply.body()).getString("requestId");
      List<String> warnings = log.lines(BearerAuth.class.getName(), Level.WARN);
      assertThat(warnings).hasSize(1);
      assertThat(warnings.get(0)).contains(requestId, "401 invalid_token", "ClassCastException", "'exp'")
        .doesNotContain("stack trace");
      for (String part : token.split("\\.")) {
        assertThat(warnings.get(0)).doesNotContain(part.substring(0, Math.min(part.length(), 12)));
      }
      assertThat(log.errorLines()).isEmpty();
    }
  }

  private static String quote(String text) {
    return Json.encode(text);
  }

  private static String base64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }

  private static byte[] hmac(byte[] key, byte[] input) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(input);
  }

  private static byte[] rsa(KeyPair keys, byte[] input) throws GeneralSecurityException {
    Signature signature = Signature.getInstance("SHA256withRSA");
    signature.initSign(keys.getPrivate());
    signature.update(input);
    return signature.sign();
  }
}
