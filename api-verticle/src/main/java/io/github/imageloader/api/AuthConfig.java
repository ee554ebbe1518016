package io.github.imageloader.api;

import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Locale;

import static io.github.imageloader.contract.ConfigValues.intValue;
import static io.github.imageloader.contract.ConfigValues.list;
import static io.github.imageloader.contract.ConfigValues.string;

/**
 * Bearer authentication settings (see the README's Security section). {@code AUTH_MODE} is {@code off},
 * {@code token} (static tokens), {@code jwt}, or both; secrets may come from files instead of the environment.
 */
record AuthConfig(boolean staticTokens, boolean jwt, List<String> tokens, String tokensFile, String hs256Secret,
                  String hs256SecretFile, String publicKeyFile, String publicKeyAlgorithm, String jwksFile, String issuer,
                  List<String> audience, String requiredScope, int leewaySeconds) {

  static AuthConfig from(JsonObject config) {
    List<String> modes = list(config, "AUTH_MODE", "off").stream().map(m -> m.toLowerCase(Locale.ROOT)).toList();
    for (String mode : modes) {
      if (!List.of("off", "token", "jwt").contains(mode)) {
        throw new IllegalArgumentException("AUTH_MODE must be off, token, jwt or token,jwt, not '" + mode + "'");
      }
    }
    if (modes.contains("off") && modes.size() > 1) {
      throw new IllegalArgumentException("AUTH_MODE=off cannot be combined with other modes");
    }
    String scope = string(config, "JWT_REQUIRED_SCOPE", "");
    if (!scope.matches("[\\x21\\x23-\\x5B\\x5D-\\x7E]*")) {
      throw new IllegalArgumentException("JWT_REQUIRED_SCOPE must be one scope token (no spaces, quotes or backslashes)");
    }
    return new AuthConfig(modes.contains("token"), modes.contains("jwt"),
      list(config, "AUTH_TOKENS", ""),
      string(config, "AUTH_TOKENS_FILE", ""),
      string(config, "JWT_HS256_SECRET", ""),
      string(config, "JWT_HS256_SECRET_FILE", ""),
      string(config, "JWT_PUBLIC_KEY_FILE", ""),
      string(config, "JWT_PUBLIC_KEY_ALGORITHM", "RS256"),
      string(config, "JWT_JWKS_FILE", ""),
      string(config, "JWT_ISSUER", ""),
      list(config, "JWT_AUDIENCE", ""),
      scope,
      intValue(config, "JWT_LEEWAY_SECONDS", 30));
  }

  boolean enabled() {
    return staticTokens || jwt;
  }

  /** Never print secrets: the record's own toString would. */
  @Override
  public String toString() {
    return "AuthConfig[staticTokens=" + staticTokens + ", jwt=" + jwt + ", issuer=" + issuer + ", audience=" + audience
      + ", requiredScope=" + requiredScope + "]";
  }
}
