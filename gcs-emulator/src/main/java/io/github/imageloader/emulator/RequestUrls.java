package io.github.imageloader.emulator;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;

/** URLs pointing back at this emulator as the client addressed it. */
final class RequestUrls {

  private RequestUrls() {}

  /** {@code http://host:port} from the Host header, or the local address without one. */
  static String baseUrl(HttpServerRequest request) {
    HostAndPort authority = request.authority();
    if (authority != null && authority.host() != null && !authority.host().isEmpty()) {
      return "http://" + authority.host() + (authority.port() > 0 ? ":" + authority.port() : "");
    }
    SocketAddress local = request.localAddress();
    return "http://" + local.host() + ":" + local.port();
  }
}
