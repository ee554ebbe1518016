package io.github.imageloader.api;

import io.github.imageloader.contract.HeldBytes;
import io.github.imageloader.contract.LoadFailure;
import io.github.imageloader.contract.StoreJob;
import io.github.imageloader.contract.StoreResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /images}: the second study's request, {@code multipart/form-data} with a {@code prompt} and an image
 * file {@code beforeImagePath}. The bytes are sniffed (JPEG, PNG, WebP), named by the server
 * ({@code uploads/<uuid>.<ext>} under {@code IMAGE_PREFIX}) and sent to a loader as a {@link StoreJob}; the api
 * never writes to storage itself. The prompt is stored as the object's {@code prompt} metadata and echoed back.
 */
final class UploadHandler {

  static final String UPLOAD_FOLDER = "uploads/";

  private final ApiConfig config;
  private final UploadFormReader reader;
  private final InFlightJobs inFlight;
  private final InFlightJobs uploads;
  private final HeldBytes heldBytes;
  private final BatchDispatcher dispatcher;
  private final ApiMetrics metrics;

  UploadHandler(Vertx vertx, ApiConfig config, InFlightJobs inFlight, HeldBytes heldBytes, BatchDispatcher dispatcher,
                ApiMetrics metrics) {
    this.config = config;
    this.heldBytes = heldBytes;
    this.reader = new UploadFormReader(vertx, config.maxUploadBytes(), config.maxPromptChars(), config.uploadReadTimeoutMs());
    this.inFlight = inFlight;
    // Each upload holds its image in memory until stored: its own small bound, not the loads', and the bytes budget.
    this.uploads = new InFlightJobs(config.maxUploadsInFlight(), "uploads");
    this.dispatcher = dispatcher;
    this.metrics = metrics;
  }

  void handle(RoutingContext ctx) {
    long started = System.nanoTime();
    // The slots and the bytes are taken before the body is read, so uploads being received are bounded too.
    long bytes = heldBytesOf(ctx.request());
    if (!heldBytes.tryReserve(bytes)) {
      throw new ApiError(503, LoadFailure.BYTES_IN_FLIGHT.errorCode(), HeldBytes.refusal("this upload"),
        new JsonObject().put("retryAfterSeconds", 1));
    }
    try {
      uploads.acquire(1);
    } catch (RuntimeException e) {
      heldBytes.release(bytes);
      throw e;
    }
    try {
      inFlight.acquire(1);
    } catch (RuntimeException e) {
      uploads.release(1);
      heldBytes.release(bytes);
      throw e;
    }
    Future<JsonObject> stored;
    try {
      stored = reader.read(ctx.request()).compose(this::store);
    } catch (RuntimeException e) {
      inFlight.release(1);
      uploads.release(1);
      heldBytes.release(bytes);
      throw e;
    }
    stored
      .andThen(done -> {
        inFlight.release(1);
        uploads.release(1);
        heldBytes.release(bytes);
      })
      .onSuccess(body -> {
        metrics.batchCompleted("images_upload", 201, 1, System.nanoTime() - started);
        ctx.response().setStatusCode(201)
          .putHeader("Location", "/images?file_names=" + URLEncoder.encode(body.getString("name"), StandardCharsets.UTF_8));
        ctx.json(body.put("elapsedMs", (System.nanoTime() - started) / 1_000_000));
      })
      .onFailure(error -> {
        metrics.batchCompleted("images_upload", error instanceof ApiError api ? api.status() : 500, 1,
          System.nanoTime() - started);
        ctx.fail(error);
      });
  }

  /** What an upload may hold: its declared length (the reader refuses more), or the most a file may be. */
  private long heldBytesOf(HttpServerRequest request) {
    String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    try {
      return declared == null ? config.maxUploadBytes() : Math.max(0, Math.min(Long.parseLong(declared.trim()), config.maxUploadBytes()));
    } catch (NumberFormatException e) {
      return config.maxUploadBytes();
    }
  }

  private Future<JsonObject> store(UploadForm form) {
    ImageType type = ImageType.sniff(form.data()).orElseThrow(() -> unsupported(form));
    String name = UPLOAD_FOLDER + UUID.randomUUID() + "." + type.extension();
    StoreJob job = new StoreJob(config.bucket(), config.prefix() + name, type.contentType(),
      Map.of(UploadFormReader.PROMPT_FIELD, form.prompt()), form.data(),
      System.currentTimeMillis() + config.batchTimeoutMs());
    return dispatcher.store(job, name).map(result -> body(name, type, form, result));
  }

  private JsonObject body(String name, ImageType type, UploadForm form, StoreResult result) {
    return new JsonObject()
      .put("message", "stored 1 image")
      .put("name", name)
      .put("object", "gs://" + config.bucket() + "/" + result.objectName())
      .put("size", result.size())
      .put("crc32c", result.crc32c())
      .put("generation", result.generation())
      .put("contentType", type.contentType())
      .put("prompt", form.prompt())
      .put("ms", result.storeMs())
      .put("attempts", result.attempts());
  }

  private static ApiError unsupported(UploadForm form) {
    Buffer head = form.data().getBuffer(0, Math.min(12, form.data().length()));
    String declared = form.clientContentType() == null ? "" : " (declared as " + form.clientContentType() + ")";
    return new ApiError(415, "unsupported_image_type", "the '" + UploadFormReader.FILE_FIELD + "' file" + declared
      + " is not a JPEG, PNG or WebP image: its first bytes are " + HexFormat.ofDelimiter(" ").formatHex(head.getBytes()),
      new JsonObject().put("accepted", new JsonArray().add("image/jpeg").add("image/png").add("image/webp")));
  }
}
