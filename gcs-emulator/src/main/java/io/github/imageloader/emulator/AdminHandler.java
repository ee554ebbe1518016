package io.github.imageloader.emulator;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * {@code /_emulator/*}: stats and fault settings. Never subject to faults or latency and not
 * counted in the stats.
 */
final class AdminHandler {

  static final String PREFIX = "/_emulator/";

  private final EmulatorStats stats;
  private final FaultInjector faults;

  AdminHandler(EmulatorStats stats, FaultInjector faults) {
    this.stats = stats;
    this.faults = faults;
  }

  Future<Void> handle(HttpServerRequest request) {
    String resource = request.path().substring(PREFIX.length());
    HttpMethod method = request.method();
    switch (resource) {
      case "health":
        return JsonResponses.ok(request.response(), new JsonObject().put("status", "UP"));
      case "stats":
        if (method == HttpMethod.GET) {
          return JsonResponses.ok(request.response(), stats.toJson());
        }
        if (method == HttpMethod.DELETE) {
          stats.reset();
          return JsonResponses.ok(request.response(), stats.toJson());
        }
        break;
      case "faults":
        if (method == HttpMethod.GET) {
          return JsonResponses.ok(request.response(), faults.settings().toJson());
        }
        if (method == HttpMethod.PUT) {
          return request.body().compose(body -> replaceFaults(request, body.toString()));
        }
        if (method == HttpMethod.DELETE) {
          faults.clear();
          return JsonResponses.ok(request.response(), faults.settings().toJson());
        }
        break;
      default:
        return Future.failedFuture(GcsException.notFound("Unknown admin resource: " + resource));
    }
    return Future.failedFuture(
        GcsException.methodNotAllowed(method + " not allowed on " + request.path()));
  }

  private Future<Void> replaceFaults(HttpServerRequest request, String body) {
    FaultSettings settings;
    try {
      settings = FaultSettings.fromJson(new JsonObject(body), faults.defaults());
    } catch (DecodeException e) {
      throw GcsException.badRequest("Fault settings must be a JSON object");
    } catch (IllegalArgumentException e) {
      throw GcsException.badRequest(e.getMessage());
    }
    faults.replace(settings);
    return JsonResponses.ok(request.response(), settings.toJson());
  }
}
