package io.github.imageloader.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SimpleAuthenticationHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Optional Bearer authentication for the api: static tokens and/or JWTs (vertx-auth-jwt), installed as one
 * router-level handler in front of every route, so routes added later are protected without a change here.
 * Only {@link #PUBLIC_PATHS} pass without a token. Failures are this service's JSON errors (401 with
 * {@code WWW-Authenticate: Bearer …}, 403 for a valid JWT without the required scope); a token is never
 * echoed or logged. Nothing a client sends makes it answer 5xx: whatever verification throws is a 401.
 */
final class BearerAuth {

  private static final Logger LOG = LoggerFactory.getLogger(BearerAuth.class);

  /** Probes, the ping and the API's own description: what orchestrators, scrapers and client generators call without credentials. */
  static final Set<String> PUBLIC_PATHS = Set.of("/", "/health", "/ready", "/metrics", OpenApiDocument.PATH);

  private static final String REALM = "image-batch-loader";
  private static final int MIN_TOKEN_LENGTH = 16;
  /** RFC 6750 b64token. */
  private static final Pattern TOKEN_SYNTAX = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

  private final AuthConfig config;
  private final SimpleAuthenticationHandler handler;
  // Set by load(), before the server listens; read on the verticle's event loop only.
  private List<byte[]> tokenHashes = List.of();
  private JWTAuth jwt;

  BearerAuth(AuthConfig config) {
    this.config = config;
    this.handler = SimpleAuthenticationHandler.create().authenticate(this::authenticateSafely);
  }

  /** Reads the token and key files (without blocking) and checks that the configured mode can work. */
  Future<Void> load(Vertx vertx) {
    Future<List<String>> tokens = !config.staticTokens() ? Future.succeededFuture(List.of())
      : read(vertx, config.tokensFile()).map(file -> {
        List<String> all = new ArrayList<>(config.tokens());
        file.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(all::add);
        if (all.isEmpty()) {
          throw new IllegalArgumentException("AUTH_MODE includes token but AUTH_TOKENS and AUTH_TOKENS_FILE hold none");
        }
        for (String token : all) {
          if (token.length() < MIN_TOKEN_LENGTH || !TOKEN_SYNTAX.matcher(token).matches()) {
            throw new IllegalArgumentException("every static token must be at least " + MIN_TOKEN_LENGTH
              + " characters of A-Z a-z 0-9 - . _ ~ + / (a token of " + token.length() + " characters is not)");
          }
        }
        return all;
      });
    Future<JWTAuth> jwtAuth = !config.jwt() ? Future.succeededFuture(null) : jwtAuth(vertx, config);
    return Future.all(tokens, jwtAuth).map(done -> {
      tokenHashes = tokens.result().stream().map(BearerAuth::sha256).toList();
      jwt = jwtAuth.result();
      return null;
    });
  }

  private static Future<JWTAuth> jwtAuth(Vertx vertx, AuthConfig config) {
    Future<String> secretFile = read(vertx, config.hs256SecretFile());
    Future<String> publicKey = read(vertx, config.publicKeyFile());
    Future<String> jwks = read(vertx, config.jwksFile());
    return Future.all(secretFile, publicKey, jwks).map(done -> {
      JWTOptions jwtOptions = new JWTOptions().setLeeway(config.leewaySeconds());
      if (!config.issuer().isEmpty()) {
        jwtOptions.setIssuer(config.issuer());
      }
      if (!config.audience().isEmpty()) {
        jwtOptions.setAudience(config.audience());
      }
      JWTAuthOptions options = new JWTAuthOptions().setJWTOptions(jwtOptions);
      String secret = !config.hs256Secret().isEmpty() ? config.hs256Secret() : secretFile.result().trim();
      if (!secret.isEmpty()) {
        if (secret.getBytes(StandardCharsets.UTF_8).length < 32) {
          throw new IllegalArgumentException("the HS256 secret must be at least 32 bytes");
        }
        options.addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(Buffer.buffer(secret)));
      }
      if (!publicKey.result().isBlank()) {
        options.addPubSecKey(new PubSecKeyOptions().setAlgorithm(config.publicKeyAlgorithm()).setBuffer(publicKey.result()));
      }
      if (!jwks.result().isBlank()) {
        JsonArray keys = new JsonObject(jwks.result()).getJsonArray("keys", new JsonArray());
        List<JsonObject> list = new ArrayList<>();
        keys.forEach(key -> list.add((JsonObject) key));
        options.setJwks(list);
      }
      // Without a PEM key or secret the options hold no list at all (null), as with a JWKS file alone.
      if ((options.getPubSecKeys() == null || options.getPubSecKeys().isEmpty())
        && (options.getJwks() == null || options.getJwks().isEmpty())) {
        throw new IllegalArgumentException(
          "AUTH_MODE includes jwt but no key is configured (JWT_HS256_SECRET[_FILE], JWT_PUBLIC_KEY_FILE or JWT_JWKS_FILE)");
      }
      return JWTAuth.create(vertx, options);
    });
  }

  private static Future<String> read(Vertx vertx, String path) {
    return path.isEmpty() ? Future.succeededFuture("") : vertx.fileSystem().readFile(path).map(Buffer::toString);
  }

  /** The router-level handler: public paths pass, everything else needs a valid bearer token. */
  Handler<RoutingContext> handler() {
    return ctx -> {
      if (PUBLIC_PATHS.contains(ctx.normalizedPath())) {
        ctx.next();
      } else {
        handler.handle(ctx);
      }
    };
  }

  /**
   * vertx-auth-jwt throws, rather than failing its future, on claims of unexpected JSON types; unhandled, that
   * would be a 500. Whatever verification throws is refused like any other bad token, with one WARN line that
   * names the exception and never the token.
   */
  private Future<User> authenticateSafely(RoutingContext ctx) {
    try {
      return authenticate(ctx);
    } catch (RuntimeException e) {
      LOG.warn("[{}] {} {} -> 401 invalid_token: verifying the bearer token threw {} (token not logged)", RequestIds.of(ctx),
        ctx.request().method(), ErrorHandler.safePath(ctx), e.getClass().getName());
      return Future.failedFuture(invalid("the bearer token could not be verified"));
    }
  }

  private Future<User> authenticate(RoutingContext ctx) {
    List<String> headers = ctx.request().headers().getAll(HttpHeaders.AUTHORIZATION);
    if (headers.isEmpty()) {
      return Future.failedFuture(unauthorized("unauthorized", "this endpoint needs an 'Authorization: Bearer <token>' header", null));
    }
    if (headers.size() > 1) {
      return Future.failedFuture(invalid("send one Authorization header, not " + headers.size()));
    }
    String header = headers.get(0);
    if (header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Future.failedFuture(invalid("the Authorization header must use the Bearer scheme"));
    }
    String token = header.substring(7).trim();
    if (token.isEmpty() || !TOKEN_SYNTAX.matcher(token).matches()) {
      return Future.failedFuture(invalid("the bearer token is malformed"));
    }
    if (!tokenHashes.isEmpty() && isKnownStaticToken(token)) {
      return Future.succeededFuture(User.create(new JsonObject().put("sub", "static-token")));
    }
    if (jwt != null && token.chars().filter(c -> c == '.').count() == 2) {
      Future<User> verified;
      try {
        verified = jwt.authenticate(new TokenCredentials(token));
      } catch (RuntimeException e) {
        // Only once the signature verified does the library read claims, so only a key holder gets here.
        JsonObject claims = JwtClaims.unverifiedPayload(token);
        String problem = claims == null ? null : JwtClaims.problem(claims);
        LOG.warn("[{}] {} {} -> 401 invalid_token: a signed JWT made the verifier throw {}{} (token not logged)",
          RequestIds.of(ctx), ctx.request().method(), ErrorHandler.safePath(ctx), e.getClass().getName(),
          problem == null ? "" : "; " + problem);
        return Future.failedFuture(invalid(problem == null ? "the token is not a valid JWT" : problem));
      }
      return verified
        .recover(error -> Future.failedFuture(invalid(jwtProblem(error))))
        .compose(BearerAuth::withWellTypedClaims)
        .compose(this::withRequiredScope);
    }
    return Future.failedFuture(invalid(jwt == null ? "the bearer token is not a known token" : "the bearer token is neither a known token nor a JWT"));
  }

  /** Compares digests in constant time, so response timing does not reveal how much of a token matched. */
  private boolean isKnownStaticToken(String token) {
    byte[] presented = sha256(token);
    boolean known = false;
    for (byte[] hash : tokenHashes) {
      known |= MessageDigest.isEqual(hash, presented);
    }
    return known;
  }

  /** The verified claims, all of the types the registered claims must have ({@link JwtClaims}). */
  private static Future<User> withWellTypedClaims(User user) {
    JsonObject claims = user.attributes().getJsonObject("accessToken");
    String problem = claims == null ? "the token is not a valid JWT" : JwtClaims.problem(claims);
    return problem == null ? Future.succeededFuture(user) : Future.failedFuture(invalid(problem));
  }

  private Future<User> withRequiredScope(User user) {
    String requiredScope = config.requiredScope();
    if (requiredScope.isEmpty() || grantedScopes(user.principal()).contains(requiredScope)) {
      return Future.succeededFuture(user);
    }
    return Future.failedFuture(new ApiError(403, "insufficient_scope",
      "the token is valid but lacks the scope or permission '" + requiredScope + "'", null)
      .withHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\", error=\"insufficient_scope\", scope=\"" + requiredScope + "\""));
  }

  /** {@code scope} / {@code scp} (space-separated or an array, OAuth 2 style) and {@code permissions} (an array). */
  private static List<String> grantedScopes(JsonObject claims) {
    List<String> granted = new ArrayList<>();
    for (String claim : List.of("scope", "scp", "permissions")) {
      Object value = claims.getValue(claim);
      if (value instanceof String text) {
        granted.addAll(Arrays.asList(text.trim().split("\\s+")));
      } else if (value instanceof JsonArray array) {
        array.forEach(item -> granted.add(String.valueOf(item)));
      }
    }
    return granted;
  }

  /** vertx-auth-jwt's reasons, reduced to fixed texts: its messages are not part of this api. */
  private static String jwtProblem(Throwable error) {
    String reason = String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT);
    if (reason.contains("expired")) {
      return "the token has expired";
    }
    if (reason.contains("audien")) {
      return "the token is not meant for this audience";
    }
    if (reason.contains("issuer")) {
      return "the token's issuer is not accepted";
    }
    if (reason.contains("signature")) {
      return "the token's signature does not verify";
    }
    if (reason.contains("algorithm") || reason.contains("none")) {
      return "the token's signing algorithm is not accepted";
    }
    if (reason.contains("nbf") || reason.contains("before") || reason.contains("iat")) {
      return "the token is not valid yet";
    }
    return "the token is not a valid JWT";
  }

  private static ApiError invalid(String message) {
    return unauthorized("invalid_token", message, message);
  }

  private static ApiError unauthorized(String error, String message, String description) {
    String challenge = "Bearer realm=\"" + REALM + "\""
      + (description == null ? "" : ", error=\"invalid_token\", error_description=\"" + description.replace("\"", "'") + "\"");
    return new ApiError(401, error, message, null).withHeader("WWW-Authenticate", challenge);
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
