package io.github.imageloader.emulator;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

final class JsonResponses {

  private JsonResponses() {}

  static Future<Void> send(HttpServerResponse response, int status, JsonObject body) {
    return response
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=UTF-8")
        .end(body.encode());
  }

  static Future<Void> ok(HttpServerResponse response, JsonObject body) {
    return send(response, 200, body);
  }
}
