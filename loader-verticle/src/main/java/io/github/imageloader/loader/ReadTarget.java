package io.github.imageloader.loader;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Where one object's bytes are read from, and how to ask for the rest of them from a given byte on.
 *
 * @param url          the JSON API media URL or a signed XML-API URL
 * @param bearerToken  an OAuth access token, or {@code null} to send none
 * @param server       the already resolved and checked address to connect to (the URL's host still goes in the
 *                     Host header and TLS SNI), or {@code null} to let the client resolve the URL's host
 * @param pinByQuery   whether a resumed read can name the generation in the query ({@code ifGenerationMatch},
 *                     JSON API); a signed URL's query is signed, so there the answer's generation is checked
 * @param latencyKey   whose first-byte latency the read's hedge and stall limits follow: the bucket, or the host
 */
record ReadTarget(String url, String bearerToken, SocketAddress server, boolean pinByQuery, String latencyKey) {

  /** The request for the object's bytes from {@code from} on ({@code 0}: all of them), pinned to {@code generation} when given. */
  RequestOptions request(long from, Long generation, long connectTimeoutMs, long idleTimeoutMs) {
    String absolute = from > 0 && generation != null && pinByQuery
      ? url + (url.indexOf('?') < 0 ? '?' : '&') + "ifGenerationMatch=" + generation
      : url;
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(absolute)
      .setConnectTimeout(connectTimeoutMs).setIdleTimeout(idleTimeoutMs);
    if (server != null) {
      options.setServer(server);
    }
    if (bearerToken != null) {
      options.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + bearerToken);
    }
    if (from > 0) {
      options.putHeader("Range", "bytes=" + from + "-");
    }
    return options;
  }
}
