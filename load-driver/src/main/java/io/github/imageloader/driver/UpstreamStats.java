package io.github.imageloader.driver;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * Reads the GCS emulator's {@code /_emulator/stats} before and after a run, to report how many new storage
 * connections the service opened per image it loaded: the study's lesson in one number.
 */
final class UpstreamStats {

  private final Vertx vertx;
  private final String statsUrl;

  UpstreamStats(Vertx vertx, String emulatorUrl) {
    this.vertx = vertx;
    this.statsUrl = (emulatorUrl.endsWith("/") ? emulatorUrl.substring(0, emulatorUrl.length() - 1) : emulatorUrl)
      + "/_emulator/stats";
  }

  /** Each snapshot comes over a connection of its own, opened and closed for it. */
  Future<JsonObject> snapshot() {
    WebClient client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(false));
    return client.getAbs(statsUrl).send()
      .map(HttpResponse::bodyAsJsonObject)
      .andThen(ar -> client.close());
  }

  static JsonObject difference(JsonObject before, JsonObject after) {
    // The "after" snapshot's own connection is counted in it; it is not the service's.
    long connections = Math.max(0, after.getLong("connections") - before.getLong("connections") - 1);
    long objects = after.getLong("objectRequests") - before.getLong("objectRequests");
    return new JsonObject()
      .put("connectionsOpened", connections)
      .put("objectRequests", objects)
      .put("newConnectionsPerImage", objects == 0 ? 0.0 : (double) connections / objects);
  }
}
