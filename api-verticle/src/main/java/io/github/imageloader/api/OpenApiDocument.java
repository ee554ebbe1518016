package io.github.imageloader.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}: the api's OpenAPI 3.1 document ({@value #RESOURCE} on the classpath, the file the
 * contract tests validate responses against), read once at start and served as is.
 */
final class OpenApiDocument implements Handler<RoutingContext> {

  static final String RESOURCE = "openapi.json";
  static final String PATH = "/openapi.json";

  private final Buffer document;

  private OpenApiDocument(Buffer document) {
    this.document = document;
  }

  static Future<OpenApiDocument> load(Vertx vertx) {
    // A class-path read can touch the jar on disk: off the event loop.
    return vertx.executeBlocking(() -> {
      try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(RESOURCE + " is missing from the class path");
        }
        return new OpenApiDocument(Buffer.buffer(in.readAllBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/json").end(document);
  }
}
