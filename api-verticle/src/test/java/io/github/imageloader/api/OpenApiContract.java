package io.github.imageloader.api;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.JsonSchemaValidationException;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Response;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatableResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The api's OpenAPI document ({@code src/main/resources/openapi.json}) as a test oracle: {@link #check} holds
 * one real response against what the document says the method and path answer, with vertx-openapi's
 * {@link ResponseValidator}. Requests that match no operation (unknown paths and methods, bytes refused below the
 * router) are held against the document's shared {@code components.responses} for their status.
 */
final class OpenApiContract {

  /** A response the document does not describe. */
  static final class Mismatch extends RuntimeException {
    Mismatch(String message) {
      super(message, null, false, false);
    }
  }

  /** What a request that reaches no operation may answer, by status. */
  private static final Map<Integer, String> UNROUTED = Map.of(400, "BadPath", 401, "Unauthorized", 403, "Forbidden", 404, "NoRoute",
    405, "MethodNotAllowed", 414, "UriTooLong", 431, "HeadersTooLarge", 500, "InternalError", 505, "HttpVersionNotSupported");

  final JsonObject document;
  final OpenAPIContract contract;
  private final ResponseValidator validator;

  private OpenApiContract(JsonObject document, OpenAPIContract contract, ResponseValidator validator) {
    this.document = document;
    this.contract = contract;
    this.validator = validator;
  }

  static JsonObject document() {
    try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream(OpenApiDocument.RESOURCE)) {
      return new JsonObject(Buffer.buffer(in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads and resolves the document; fails when it is not a valid OpenAPI document. */
  static Future<OpenApiContract> load(Vertx vertx) {
    JsonObject document = document();
    // vertx-openapi refuses a contract with a media type it cannot validate, as application/x-tar (the archive):
    // it gets a copy where that is octet-stream. Media types are checked here, against the document itself.
    JsonObject validatable = new JsonObject(document.encode().replace("\"application/x-tar\":", "\"application/octet-stream\":"));
    // Nor can it decode a header value with quotes in it (WWW-Authenticate: Bearer realm="…"): headers are checked here.
    validatable.getJsonObject("components").getJsonObject("responses").getJsonObject("Unauthorized").getJsonObject("headers")
      .remove("WWW-Authenticate");
    return OpenAPIContract.from(vertx, validatable)
      .map(contract -> new OpenApiContract(document, contract, ResponseValidator.create(vertx, contract)));
  }

  /**
   * Fails with a {@link Mismatch} naming what is off when the response is not one the document gives
   * {@code method} on {@code uri}'s path.
   */
  Future<Void> check(HttpMethod method, String uri, int status, MultiMap headers, Buffer body) {
    String path = uri == null ? null : uri.split("\\?", 2)[0];
    String where = method + " " + (path == null ? "(no path)" : BadInputCatalog.abbreviate(path)) + " -> " + status;
    String mediaType = mediaType(headers.get("Content-Type"));
    Operation operation = operation(method, path);
    if (operation == null) {
      String component = UNROUTED.get(status);
      if (component == null) {
        return mismatch(where + ": no operation, and no shared response for this status");
      }
      return validateJson(document.getJsonObject("components").getJsonObject("responses").getJsonObject(component), headers, body, where);
    }
    Response response = operation.getResponse(status);
    if (response == null) {
      return mismatch(where + ": status not documented for " + operation.getOperationId());
    }
    JsonObject documented = (JsonObject) resolve(document.getJsonObject("paths").getJsonObject(operation.getOpenAPIPath())
      .getJsonObject(operation.getHttpMethod().name().toLowerCase()).getJsonObject("responses").getJsonObject(Integer.toString(status)));
    JsonObject content = documented.getJsonObject("content", new JsonObject());
    if (!content.isEmpty() && !content.containsKey(mediaType)) {
      return mismatch(where + ": Content-Type " + mediaType + " not documented (" + content.fieldNames() + ")");
    }
    String headerProblem = headerProblem(documented, headers);
    if (headerProblem != null) {
      return mismatch(where + ": " + headerProblem);
    }
    if (!"application/json".equals(mediaType)) {
      // vertx-openapi validates JSON bodies; a tar or Prometheus text is held to its status, type and headers.
      return Future.succeededFuture();
    }
    Map<String, String> single = new HashMap<>();
    headers.forEach(h -> single.put(h.getKey(), h.getValue()));
    return validator.validate(ValidatableResponse.create(status, single, body, mediaType), operation.getOperationId())
      .<Void>mapEmpty()
      .recover(e -> mismatch(where + ": " + (e instanceof SchemaValidationException invalid ? errors(invalid.getOutputUnit()) : e.getMessage())
        + " in " + BadInputCatalog.abbreviate(body.toString())));
  }

  private Operation operation(HttpMethod method, String path) {
    if (path == null) {
      return null;
    }
    try {
      return contract.findOperation(path, method);
    } catch (RuntimeException unmatchable) {
      return null;
    }
  }

  /** Each documented header that is required is there, and matches its pattern when it has one. */
  private String headerProblem(JsonObject response, MultiMap headers) {
    JsonObject documented = (JsonObject) resolve(response.getJsonObject("headers", new JsonObject()));
    for (String name : documented.fieldNames()) {
      JsonObject header = documented.getJsonObject(name);
      String value = headers.get(name);
      if (value == null) {
        if (header.getBoolean("required", false)) {
          return "header " + name + " missing";
        }
      } else {
        String pattern = header.getJsonObject("schema", new JsonObject()).getString("pattern");
        if (pattern != null && !Pattern.compile(pattern).matcher(value).find()) {
          return "header " + name + ": '" + value + "' does not match " + pattern;
        }
      }
    }
    return null;
  }

  /** A shared response: its headers, its JSON body valid against its schema (refs resolved here). */
  private Future<Void> validateJson(JsonObject response, MultiMap headers, Buffer body, String where) {
    String headerProblem = headerProblem((JsonObject) resolve(response), headers);
    if (headerProblem != null) {
      return mismatch(where + ": " + headerProblem);
    }
    JsonObject schema = (JsonObject) resolve(response.getJsonObject("content").getJsonObject("application/json").getJsonObject("schema"));
    Object json;
    try {
      json = io.vertx.core.json.Json.decodeValue(body);
    } catch (RuntimeException e) {
      return mismatch(where + ": not JSON: " + BadInputCatalog.abbreviate(body.toString()));
    }
    OutputUnit result = Validator.create(JsonSchema.of(schema), new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setOutputFormat(OutputFormat.Basic)
      .setBaseUri("app:///")).validate(json);
    try {
      result.checkValidity();
      return Future.succeededFuture();
    } catch (JsonSchemaValidationException e) {
      return mismatch(where + ": " + errors(result) + " in " + BadInputCatalog.abbreviate(body.toString()));
    }
  }

  /** {@code value} with every local {@code $ref} replaced by what it points to. */
  private Object resolve(Object value) {
    if (value instanceof JsonObject object) {
      if (object.containsKey("$ref")) {
        Object target = document;
        for (String token : object.getString("$ref").substring(2).split("/")) {
          target = ((JsonObject) target).getValue(token.replace("~1", "/").replace("~0", "~"));
        }
        return resolve(target);
      }
      JsonObject copy = new JsonObject();
      object.forEach(e -> copy.put(e.getKey(), resolve(e.getValue())));
      return copy;
    }
    if (value instanceof JsonArray array) {
      JsonArray copy = new JsonArray();
      array.forEach(v -> copy.add(resolve(v)));
      return copy;
    }
    return value;
  }

  /** The validator's findings, where and what, rather than its one-line summary. */
  private static String errors(OutputUnit result) {
    if (result == null || result.getErrors() == null || result.getErrors().isEmpty()) {
      return String.valueOf(result);
    }
    return result.getErrors().stream().map(u -> u.getInstanceLocation() + " " + u.getError()).toList().toString();
  }

  private static String mediaType(String contentType) {
    return contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase();
  }

  private static Future<Void> mismatch(String message) {
    return Future.failedFuture(new Mismatch("not as the OpenAPI document says: " + message));
  }
}
