package io.github.imageloader.api;

import io.vertx.core.json.JsonObject;

/**
 * A failure the api answers with: an HTTP status and the JSON body
 * {@code {"error": "<code>", "message": "<human text>", ...details}}.
 */
final class ApiError extends RuntimeException {

  private final int status;
  private final String error;
  private final JsonObject details;

  ApiError(int status, String error, String message, JsonObject details) {
    super(message, null, false, false);
    this.status = status;
    this.error = error;
    this.details = details == null ? new JsonObject() : details;
  }

  static ApiError badRequest(String error, String message) {
    return new ApiError(400, error, message, null);
  }

  int status() {
    return status;
  }

  JsonObject toJson() {
    return new JsonObject().put("error", error).put("message", getMessage()).mergeIn(details);
  }
}
