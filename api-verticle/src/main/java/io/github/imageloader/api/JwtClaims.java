package io.github.imageloader.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The JSON types a JWT's registered claims must have (RFC 7519 §4.1; {@code scope} per RFC 8693 §4.2, and the
 * {@code scp} / {@code permissions} spellings this service also reads). vertx-auth-jwt reads these claims with
 * casts, so a signed token with, say, a string {@code exp} makes it throw instead of refusing the token, and a
 * number beyond a {@code long} becomes a token that never expires. Checked on every token the library accepts,
 * and used to name the claim when it throws.
 */
final class JwtClaims {

  /** 9999-12-31T23:59:59Z: a later expiry is not a date but a token meant never to expire. */
  static final long MAX_NUMERIC_DATE = 253_402_300_799L;

  private static final List<String> NUMERIC_DATES = List.of("exp", "nbf", "iat");
  private static final List<String> STRINGS = List.of("iss", "sub", "jti");
  private static final List<String> STRING_OR_STRINGS = List.of("aud", "scope", "scp", "permissions");

  private JwtClaims() {
  }

  /** What is wrong with the claims' types, as a fixed text naming the claim, or {@code null} when nothing is. */
  static String problem(JsonObject claims) {
    for (String claim : NUMERIC_DATES) {
      if (claims.containsKey(claim) && !isNumericDate(claims.getValue(claim))) {
        return "the token's '" + claim + "' claim is not a date (seconds since 1970 as a JSON number up to year 9999)";
      }
    }
    for (String claim : STRINGS) {
      if (claims.containsKey(claim) && !(claims.getValue(claim) instanceof String)) {
        return "the token's '" + claim + "' claim is not a string";
      }
    }
    for (String claim : STRING_OR_STRINGS) {
      if (claims.containsKey(claim) && !isStringOrStrings(claims.getValue(claim))) {
        return "the token's '" + claim + "' claim is neither a string nor an array of strings";
      }
    }
    return null;
  }

  /**
   * The claims of a compact JWS, read without verifying anything: only to name what is wrong with a token the
   * library has already refused. {@code null} when the payload is not a JSON object.
   */
  static JsonObject unverifiedPayload(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return null;
    }
    try {
      return new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  private static boolean isNumericDate(Object value) {
    if (!(value instanceof Number number)) {
      return false;
    }
    double seconds = number.doubleValue();
    return Double.isFinite(seconds) && seconds >= 0 && seconds <= MAX_NUMERIC_DATE;
  }

  private static boolean isStringOrStrings(Object value) {
    if (value instanceof String) {
      return true;
    }
    if (value instanceof JsonArray array) {
      for (Object item : array) {
        if (!(item instanceof String)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }
}
