package io.github.imageloader.api;

import com.fasterxml.jackson.core.JsonParser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import io.vertx.ext.web.RequestBody;
import io.vertx.ext.web.RoutingContext;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads and type-checks request input; anything malformed becomes a 400 that says what was expected. */
final class RequestBodies {

  private RequestBodies() {
  }

  /** The study's shape: the {@code file_names} query parameter repeated once per image. */
  static List<String> fileNamesParam(RoutingContext ctx) {
    return QueryStrings.values(ctx.request().query(), "file_names");
  }

  static JsonObject jsonObject(RoutingContext ctx) {
    Object json = json(ctx);
    if (json instanceof JsonObject object) {
      return object;
    }
    throw ApiError.badRequest("invalid_body", "the body must be a JSON object, not " + typeName(json));
  }

  static List<String> stringArray(JsonObject body, String key) {
    Object value = body.getValue(key);
    if (!(value instanceof JsonArray array)) {
      throw ApiError.badRequest("invalid_body",
        "'" + key + "' must be a JSON array of strings, not " + (value == null ? "missing" : typeName(value)));
    }
    return strings(array, key);
  }

  /** {@code POST /load-images}: a JSON array of URLs (the study's round 5), or {@code {"urls": [...]}}. */
  static List<String> signedUrls(RoutingContext ctx) {
    Object json = json(ctx);
    if (json instanceof JsonArray array) {
      return strings(array, "the body");
    }
    if (json instanceof JsonObject object) {
      return stringArray(object, "urls");
    }
    throw ApiError.badRequest("invalid_body", "the body must be a JSON array of URLs, not " + typeName(json));
  }

  private static List<String> strings(JsonArray array, String what) {
    List<String> values = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      Object item = array.getValue(i);
      if (!(item instanceof String text)) {
        throw ApiError.badRequest("invalid_body",
          "entry #" + (i + 1) + " of " + what + " must be a string, not " + typeName(item));
      }
      values.add(text);
    }
    return values;
  }

  private static Object json(RoutingContext ctx) {
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (contentType != null && !isJson(contentType)) {
      throw new ApiError(415, "unsupported_media_type",
        "the body must be JSON (Content-Type: application/json), not " + printable(contentType), null);
    }
    RequestBody body = ctx.body();
    if (body == null || body.isEmpty()) {
      throw ApiError.badRequest("invalid_body", "the request has no body; send JSON");
    }
    String text;
    try {
      // Strict: a lenient decoder would turn invalid or overlong UTF-8 (C0 AF for '/') into other characters.
      text = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(body.buffer().getBytes()))
        .toString();
    } catch (CharacterCodingException e) {
      throw ApiError.badRequest("invalid_json", "the body is not valid UTF-8");
    }
    try {
      JsonParser parser = JacksonCodec.createParser(text);
      // A second "names" would otherwise silently replace the first.
      parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      return JacksonCodec.fromParser(parser, Object.class);
    } catch (DecodeException e) {
      String reason = String.valueOf(e.getMessage());
      if (reason.contains("Duplicate field")) {
        throw ApiError.badRequest("invalid_json", "the body is not valid here: an object has the same key twice");
      }
      if (reason.contains("nesting depth")) {
        throw ApiError.badRequest("invalid_json", "the body is nested too deeply");
      }
      throw ApiError.badRequest("invalid_json", "the body is not valid JSON");
    }
  }

  private static boolean isJson(String contentType) {
    String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return mediaType.equals("application/json") || mediaType.endsWith("+json");
  }

  private static String printable(String text) {
    String shown = text.length() > 60 ? text.substring(0, 60) + "…" : text;
    return "'" + shown.replaceAll("[^\\x20-\\x7e…]", "?") + "'";
  }

  private static String typeName(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof JsonObject) {
      return "an object";
    }
    if (value instanceof JsonArray) {
      return "an array";
    }
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Number) {
      return "a number";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    return value.getClass().getSimpleName();
  }
}
