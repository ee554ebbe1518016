package io.github.imageloader.emulator;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns request failures into GCS-shaped error responses; never leaks a stack trace. */
final class ErrorResponder {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponder.class);

  enum Format {
    JSON,
    XML
  }

  private ErrorResponder() {}

  static void respond(HttpServerRequest request, Throwable failure, Format format) {
    HttpServerResponse response = request.response();
    if (response.headWritten() || response.ended() || response.closed()) {
      // Typically the client went away mid-body. Nothing sensible can be sent any more; close so
      // a client still listening notices instead of hanging.
      LOG.debug("Failure after response started for {} {}: {}", request.method(), request.uri(),
          failure.toString());
      request.connection().close();
      return;
    }
    GcsException error = asGcsException(request, failure);
    if (format == Format.XML) {
      sendXml(response, error);
    } else {
      sendJson(response, error);
    }
  }

  static Future<Void> sendJson(HttpServerResponse response, GcsException error) {
    JsonObject detail =
        new JsonObject()
            .put("message", error.getMessage())
            .put("domain", "global")
            .put("reason", error.reason());
    JsonObject body =
        new JsonObject()
            .put(
                "error",
                new JsonObject()
                    .put("code", error.status())
                    .put("message", error.getMessage())
                    .put("errors", new JsonArray().add(detail)));
    return response
        .setStatusCode(error.status())
        .putHeader("Content-Type", "application/json; charset=UTF-8")
        .end(body.encode());
  }

  static Future<Void> sendXml(HttpServerResponse response, GcsException error) {
    String body =
        "<?xml version='1.0' encoding='UTF-8'?><Error><Code>"
            + escapeXml(error.xmlCode())
            + "</Code><Message>"
            + escapeXml(error.getMessage())
            + "</Message></Error>";
    return response
        .setStatusCode(error.status())
        .putHeader("Content-Type", "application/xml; charset=UTF-8")
        .end(body);
  }

  private static GcsException asGcsException(HttpServerRequest request, Throwable failure) {
    if (failure instanceof GcsException gcs) {
      return gcs;
    }
    LOG.warn("Internal error handling {} {}", request.method(), request.uri(), failure);
    return new GcsException(500, "backendError", "InternalError", "Internal emulator error");
  }

  private static String escapeXml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
