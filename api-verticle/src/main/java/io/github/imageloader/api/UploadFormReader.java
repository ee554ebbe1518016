package io.github.imageloader.api;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a {@code multipart/form-data} upload while it streams in: the file part into one in-memory buffer of at
 * most {@code maxFileBytes}, nothing ever to disk (so no temporary file can be left behind). A body over the limit
 * is answered 413 as soon as it is seen, then drained so the connection stays usable; a body that goes on past
 * twice the limit gets its connection closed.
 * <p>
 * Must run as the route's first body consumer, synchronously on the request (no asynchronous handler before
 * it), or the first chunks would be lost.
 */
final class UploadFormReader {

  static final String FILE_FIELD = "beforeImagePath";
  static final String PROMPT_FIELD = "prompt";
  /** Room around the file for boundaries, part headers and the prompt. */
  static final long FORM_OVERHEAD_BYTES = 64 * 1024;

  private final Vertx vertx;
  private final int maxFileBytes;
  private final int maxPromptChars;
  private final long readTimeoutMs;

  /** @param readTimeoutMs how long the whole form may take to arrive: a client trickling it would hold its slot for good */
  UploadFormReader(Vertx vertx, int maxFileBytes, int maxPromptChars, long readTimeoutMs) {
    this.vertx = vertx;
    this.maxFileBytes = maxFileBytes;
    this.maxPromptChars = maxPromptChars;
    this.readTimeoutMs = readTimeoutMs;
  }

  Future<UploadForm> read(HttpServerRequest request) {
    String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      return Future.failedFuture(new ApiError(415, "unsupported_media_type",
        "POST /images takes multipart/form-data with a '" + PROMPT_FIELD + "' text field and a '" + FILE_FIELD
          + "' file, not " + (contentType == null ? "a body without Content-Type" : "'" + contentType + "'"), null));
    }
    long bodyLimit = maxFileBytes + FORM_OVERHEAD_BYTES;
    Reading reading = new Reading(request, bodyLimit);
    String declaredLength = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (declaredLength != null && parses(declaredLength) && Long.parseLong(declaredLength) > bodyLimit) {
      reading.tooLarge();
      request.handler(reading::count);
      return reading.promise.future();
    }
    if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
      request.response().writeContinue();
    }
    request.setExpectMultipart(true);
    request.handler(reading::count);
    request.uploadHandler(reading::file);
    request.exceptionHandler(error -> reading.promise.tryFail(unreadable(error)));
    request.endHandler(v -> reading.finish());
    long timer = vertx.setTimer(readTimeoutMs, id -> {
      // The error handler closes the connection once the 408 is out: the rest of the body will not be read.
      reading.promise.tryFail(new ApiError(408, "upload_timeout",
        "the upload did not arrive within UPLOAD_READ_TIMEOUT_MS (" + readTimeoutMs + " ms)", null));
    });
    return reading.promise.future().andThen(done -> vertx.cancelTimer(timer));
  }

  /** The form decoder refuses a text field over the HTTP server's form-attribute limit (8192 bytes) with this text. */
  private ApiError unreadable(Throwable error) {
    String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    if (message.contains("exceed allowed maximum capacity")) {
      return new ApiError(400, "invalid_upload", "a text field is longer than the form-field limit of "
        + HttpServerOptions.DEFAULT_MAX_FORM_ATTRIBUTE_SIZE + " bytes; '" + PROMPT_FIELD + "' may have at most "
        + maxPromptChars + " characters (MAX_PROMPT_CHARS)", null);
    }
    return ApiError.badRequest("malformed_multipart", "the multipart body could not be read: " + message);
  }

  private static boolean parses(String number) {
    try {
      Long.parseLong(number.trim());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static long declaredLength(HttpServerRequest request) {
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    return length != null && parses(length) ? Long.parseLong(length.trim()) : 0;
  }

  /** One request's reading state; touched only on its connection's event loop. */
  private final class Reading {

    final Promise<UploadForm> promise = Promise.promise();
    final HttpServerRequest request;
    final long bodyLimit;
    final List<String> problems = new ArrayList<>();
    long received;
    boolean oversized;
    int files;
    Buffer data;
    String fileName;
    String fileContentType;

    Reading(HttpServerRequest request, long bodyLimit) {
      this.request = request;
      this.bodyLimit = bodyLimit;
    }

    void count(Buffer chunk) {
      received += chunk.length();
      if (received > bodyLimit && !oversized) {
        tooLarge();
      }
      if (received > 2 * bodyLimit) {
        request.connection().close();
      }
    }

    void tooLarge() {
      oversized = true;
      data = null;
      promise.tryFail(new ApiError(413, "upload_too_large", "the upload is larger than MAX_UPLOAD_BYTES ("
        + maxFileBytes + " bytes for the file)", new JsonObject().put("maxUploadBytes", maxFileBytes)));
    }

    void file(HttpServerFileUpload upload) {
      upload.exceptionHandler(error -> promise.tryFail(ApiError.badRequest("malformed_multipart",
        "the file part could not be read: " + error.getMessage())));
      if (!FILE_FIELD.equals(upload.name())) {
        problems.add(PROMPT_FIELD.equals(upload.name())
          ? "'" + PROMPT_FIELD + "' must be a text field, not a file"
          : "unknown field '" + upload.name() + "' (expected '" + PROMPT_FIELD + "' and '" + FILE_FIELD + "')");
        upload.handler(ignored -> { });
        return;
      }
      if (++files > 1) {
        problems.add("'" + FILE_FIELD + "' holds more than one file; send exactly one");
        data = null;
        upload.handler(ignored -> { });
        return;
      }
      fileName = upload.filename();
      fileContentType = upload.contentType();
      // Sized once from the declared length when there is one, instead of doubling its way up to a large image.
      Buffer buffer = Buffer.buffer((int) Math.min(maxFileBytes, Math.max(4_096, declaredLength(request))));
      data = buffer;
      upload.handler(chunk -> {
        if (oversized || data == null) {
          return;
        }
        if (buffer.length() + chunk.length() > maxFileBytes) {
          tooLarge();
          return;
        }
        buffer.appendBuffer(chunk);
      });
    }

    void finish() {
      if (promise.future().isComplete()) {
        return;
      }
      MultiMap attributes = request.formAttributes();
      for (String name : attributes.names()) {
        if (FILE_FIELD.equals(name)) {
          problems.add("'" + FILE_FIELD + "' must be a file part (with a filename), not a text field");
        } else if (!PROMPT_FIELD.equals(name)) {
          problems.add("unknown field '" + name + "' (expected '" + PROMPT_FIELD + "' and '" + FILE_FIELD + "')");
        }
      }
      List<String> prompts = attributes.getAll(PROMPT_FIELD);
      String prompt = prompts.size() == 1 ? prompts.get(0) : null;
      if (prompts.isEmpty()) {
        problems.add("the '" + PROMPT_FIELD + "' field is missing");
      } else if (prompts.size() > 1) {
        problems.add("'" + PROMPT_FIELD + "' is sent " + prompts.size() + " times; send it once");
      } else if (prompt.isBlank()) {
        problems.add("'" + PROMPT_FIELD + "' is empty");
      } else if (prompt.codePointCount(0, prompt.length()) > maxPromptChars) {
        problems.add("'" + PROMPT_FIELD + "' has " + prompt.codePointCount(0, prompt.length())
          + " characters, more than MAX_PROMPT_CHARS (" + maxPromptChars + ")");
      }
      if (files == 0) {
        problems.add("the '" + FILE_FIELD + "' file is missing");
      } else if (files == 1 && data != null && data.length() == 0) {
        problems.add("the '" + FILE_FIELD + "' file is empty");
      }
      if (!problems.isEmpty()) {
        promise.tryFail(new ApiError(400, "invalid_upload", problems.get(0),
          new JsonObject().put("problems", new JsonArray(List.copyOf(problems)))));
        return;
      }
      promise.tryComplete(new UploadForm(prompt, data, fileName, fileContentType));
    }
  }
}
