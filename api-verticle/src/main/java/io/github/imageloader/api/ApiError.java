package io.github.imageloader.api;

import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure the api answers with: an HTTP status and the JSON body
 * {@code {"error": "<code>", "message": "<human text>", ...details}}.
 */
final class ApiError extends RuntimeException {

  private final int status;
  private final String error;
  private final JsonObject details;
  private final Map<String, String> headers = new LinkedHashMap<>();

  ApiError(int status, String error, String message, JsonObject details) {
    super(message, null, false, false);
    this.status = status;
    this.error = error;
    this.details = details == null ? new JsonObject() : details;
  }

  static ApiError badRequest(String error, String message) {
    return new ApiError(400, error, message, null);
  }

  /** Adds a response header to send with this error (e.g. {@code WWW-Authenticate}). */
  ApiError withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }

  Map<String, String> headers() {
    return headers;
  }

  int status() {
    return status;
  }

  JsonObject toJson() {
    return new JsonObject().put("error", error).put("message", getMessage()).mergeIn(details);
  }
}
