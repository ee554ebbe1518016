package io.github.imageloader.loader;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.List;

/**
 * OAuth access tokens for the {@code http} transport, from Application Default Credentials. The token is
 * cached and refreshed on a worker thread shortly before it expires; against an emulator there is none.
 */
final class AccessTokenSource {

  private static final String READ_WRITE_SCOPE = "https://www.googleapis.com/auth/devstorage.read_write";
  private static final long REFRESH_MARGIN_MS = 60_000;

  private final Vertx vertx;
  private final GoogleCredentials credentials;
  private volatile AccessToken current;

  private AccessTokenSource(Vertx vertx, GoogleCredentials credentials) {
    this.vertx = vertx;
    this.credentials = credentials;
  }

  static AccessTokenSource none() {
    return new AccessTokenSource(null, null);
  }

  /** Loads Application Default Credentials; blocking, so call it off the event loop. */
  static AccessTokenSource applicationDefault(Vertx vertx) throws java.io.IOException {
    return new AccessTokenSource(vertx, GoogleCredentials.getApplicationDefault().createScoped(List.of(READ_WRITE_SCOPE)));
  }

  /** The bearer token to send, or {@code null} when requests go unauthenticated. */
  Future<String> token() {
    if (credentials == null) {
      return Future.succeededFuture(null);
    }
    AccessToken token = current;
    if (token != null && token.getExpirationTime() != null
      && token.getExpirationTime().getTime() - System.currentTimeMillis() > REFRESH_MARGIN_MS) {
      return Future.succeededFuture(token.getTokenValue());
    }
    return vertx.executeBlocking(() -> {
      credentials.refreshIfExpired();
      current = credentials.getAccessToken();
      return current.getTokenValue();
    }, false);
  }
}
