package io.github.imageloader.api;

import io.github.imageloader.contract.Addresses;
import io.github.imageloader.contract.LoadFailure;
import io.github.imageloader.contract.StoreJob;
import io.github.imageloader.contract.StoreResult;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.github.imageloader.api.ImagesApiContractTest.crc32c;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /images} end to end over real HTTP: api, a loader with the subclass's transport, the GCS emulator.
 * What storage holds afterwards is read back from the emulator itself.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ImageUploadContractTest {

  static final int MAX_UPLOAD = 100_000;

  TestStack stack;
  Set<String> tempFilesBefore;

  abstract String transport();

  @BeforeAll
  void startStack(Vertx vertx, VertxTestContext ctx, @TempDir Path dataDir) throws IOException {
    tempFilesBefore = uploadTempFiles();
    TestStack.start(vertx, dataDir, transport(), new JsonObject().put("MAX_UPLOAD_BYTES", MAX_UPLOAD).put("MAX_PROMPT_CHARS", 100))
      .onComplete(ctx.succeeding(started -> {
        stack = started;
        ctx.completeNow();
      }));
  }

  @AfterEach
  void clearFaults(VertxTestContext ctx) {
    stack.clearFaults().onComplete(ctx.succeedingThenComplete());
  }

  /** Neither Netty's disk-backed form parts ({@code FUp_*}, {@code Attr_*}) nor BodyHandler's folder are ever used. */
  @AfterAll
  void noTemporaryFilesRemain() throws IOException {
    assertThat(uploadTempFiles()).isEqualTo(tempFilesBefore);
    assertThat(Paths.get("file-uploads")).doesNotExist();
  }

  private static Set<String> uploadTempFiles() throws IOException {
    try (Stream<Path> files = Files.list(Paths.get(System.getProperty("java.io.tmpdir")))) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("FUp_") || n.startsWith("Attr_"))
        .collect(Collectors.toSet());
    }
  }

  Future<HttpResponse<Buffer>> upload(MultipartForm form) {
    return stack.checked(HttpMethod.POST, "/images", stack.client.post(stack.apiPort(), "127.0.0.1", "/images").sendMultipartForm(form));
  }

  static MultipartForm form(String prompt, String fileName, byte[] bytes, String mediaType) {
    return MultipartForm.create().attribute("prompt", prompt)
      .binaryFileUpload("beforeImagePath", fileName, Buffer.buffer(bytes), mediaType);
  }

  /** The object as the emulator holds it: its JSON resource and its bytes. */
  Future<JsonObject> storedResource(String objectName) {
    String encoded = URLEncoder.encode(objectName, StandardCharsets.UTF_8);
    return stack.client.get(stack.emulatorPort(), "127.0.0.1", "/storage/v1/b/" + TestStack.BUCKET + "/o/" + encoded).send()
      .compose(meta -> stack.client.get(stack.emulatorPort(), "127.0.0.1",
          "/download/storage/v1/b/" + TestStack.BUCKET + "/o/" + encoded + "?alt=media").send()
        .map(media -> meta.bodyAsJsonObject().put("bytes", media.body().getBytes())));
  }

  void assertError(HttpResponse<Buffer> response, int status, String error, String messagePart) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).startsWith("application/json");
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("error")).isEqualTo(error);
    assertThat(body.getString("message")).contains(messagePart);
  }

  @Test
  void jpegPngAndWebpAreStoredWithVerifiedCrc32c(VertxTestContext ctx) {
    byte[] jpeg = TestImages.jpeg(64, 48);
    byte[] png = TestImages.png(40, 40);
    List<byte[]> images = List.of(jpeg, png, TestImages.WEBP);
    List<String> types = List.of("image/jpeg", "image/png", "image/webp");
    List<String> extensions = List.of(".jpg", ".png", ".webp");
    // Client file names and types are deliberately wrong or hostile: only the bytes count.
    List<Future<HttpResponse<Buffer>>> uploads = List.of(
      upload(form("make it brighter", "../../etc/passwd", jpeg, "application/octet-stream")),
      upload(form("밝게 해 주세요", "photo.jpg", png, "image/jpeg")),
      upload(form("a webp", "x.webp", TestImages.WEBP, "image/webp")));
    Future.all(uploads).compose(all -> {
      ctx.verify(() -> {
        for (int i = 0; i < uploads.size(); i++) {
          HttpResponse<Buffer> response = uploads.get(i).result();
          assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
          JsonObject body = response.bodyAsJsonObject();
          assertThat(body.getString("name")).matches("uploads/[0-9a-f-]{36}\\" + extensions.get(i));
          assertThat(body.getString("contentType")).isEqualTo(types.get(i));
          assertThat(body.getLong("size")).isEqualTo(images.get(i).length);
          assertThat(body.getString("crc32c")).isEqualTo(crc32c(images.get(i)));
          assertThat(body.getLong("generation")).isPositive();
          assertThat(body.getString("object")).isEqualTo("gs://" + TestStack.BUCKET + "/" + TestStack.PREFIX + body.getString("name"));
          assertThat(response.getHeader("Location"))
            .isEqualTo("/images?file_names=" + URLEncoder.encode(body.getString("name"), StandardCharsets.UTF_8));
        }
      });
      return Future.all(uploads.stream()
        .map(u -> storedResource(TestStack.PREFIX + u.result().bodyAsJsonObject().getString("name"))).toList());
    }).onComplete(ctx.succeeding(stored -> ctx.verify(() -> {
      for (int i = 0; i < images.size(); i++) {
        JsonObject resource = stored.resultAt(i);
        assertThat(resource.getBinary("bytes")).isEqualTo(images.get(i));
        assertThat(resource.getString("crc32c")).isEqualTo(crc32c(images.get(i)));
        assertThat(resource.getString("contentType")).isEqualTo(types.get(i));
        assertThat(resource.getString("generation")).isEqualTo(uploads.get(i).result().bodyAsJsonObject().getLong("generation").toString());
      }
      assertThat(((JsonObject) stored.resultAt(1)).getJsonObject("metadata").getString("prompt")).isEqualTo("밝게 해 주세요");
      ctx.completeNow();
    })));
  }

  @Test
  void uploadedImageLoadsThroughGetImages(VertxTestContext ctx) {
    byte[] jpeg = TestImages.jpeg(120, 90);
    upload(form("round trip", "a.jpg", jpeg, "image/jpeg"))
      .compose(created -> {
        ctx.verify(() -> assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201));
        return stack.get(created.getHeader("Location"));
      })
      .onComplete(ctx.succeeding(loaded -> ctx.verify(() -> {
        assertThat(loaded.statusCode()).as(loaded.bodyAsString()).isEqualTo(200);
        JsonObject image = loaded.bodyAsJsonObject().getJsonArray("images").getJsonObject(0);
        assertThat(image.getString("name")).startsWith("uploads/");
        assertThat(image.getLong("bytes")).isEqualTo(jpeg.length);
        assertThat(image.getString("crc32c")).isEqualTo(crc32c(jpeg));
        ctx.completeNow();
      })));
  }

  @Test
  void nonImagesAre415EvenWhenDeclaredAsImages(VertxTestContext ctx) {
    byte[] gif = "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;".getBytes(StandardCharsets.ISO_8859_1);
    byte[] text = "hello, I am text".getBytes(StandardCharsets.UTF_8);
    byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    byte[] riffNotWebp = {'R', 'I', 'F', 'F', 4, 0, 0, 0, 'W', 'A', 'V', 'E'};
    List<Future<HttpResponse<Buffer>>> responses = List.of(
      upload(form("p", "a.gif", gif, "image/gif")),
      upload(form("p", "a.txt", text, "text/plain")),
      upload(form("p", "a.bin", elf, "application/octet-stream")),
      upload(form("p", "fake.jpg", "not really a jpeg".getBytes(StandardCharsets.UTF_8), "image/jpeg")),
      upload(form("p", "a.webp", riffNotWebp, "image/webp")));
    Future.all(responses).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      for (Future<HttpResponse<Buffer>> response : responses) {
        assertError(response.result(), 415, "unsupported_image_type", "is not a JPEG, PNG or WebP image");
      }
      assertThat(responses.get(3).result().bodyAsJsonObject().getString("message")).contains("declared as image/jpeg");
      ctx.completeNow();
    })));
  }

  @Test
  void notMultipartIs415(VertxTestContext ctx) {
    Future<HttpResponse<Buffer>> json = stack.post("/images", new JsonObject().put("prompt", "x").toBuffer());
    Future<HttpResponse<Buffer>> raw = stack.checked(HttpMethod.POST, "/images", stack.client.post(stack.apiPort(), "127.0.0.1", "/images")
      .putHeader("Content-Type", "image/jpeg").sendBuffer(Buffer.buffer(TestImages.jpeg(8, 8))));
    Future<HttpResponse<Buffer>> urlEncoded = stack.checked(HttpMethod.POST, "/images", stack.client.post(stack.apiPort(), "127.0.0.1", "/images")
      .sendForm(io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("prompt", "x")));
    Future.all(json, raw, urlEncoded).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      assertError(json.result(), 415, "unsupported_media_type", "multipart/form-data");
      assertError(raw.result(), 415, "unsupported_media_type", "image/jpeg");
      assertError(urlEncoded.result(), 415, "unsupported_media_type", "application/x-www-form-urlencoded");
      ctx.completeNow();
    })));
  }

  @Test
  void malformedFormsAre400NamingTheProblem(VertxTestContext ctx) {
    byte[] jpeg = TestImages.jpeg(16, 16);
    Buffer image = Buffer.buffer(jpeg);
    List<Future<HttpResponse<Buffer>>> responses = List.of(
      upload(MultipartForm.create().binaryFileUpload("beforeImagePath", "a.jpg", image, "image/jpeg")),
      upload(MultipartForm.create().attribute("prompt", "p")),
      upload(form("p", "a.jpg", new byte[0], "image/jpeg")),
      upload(form("   ", "a.jpg", jpeg, "image/jpeg")),
      upload(form("x".repeat(101), "a.jpg", jpeg, "image/jpeg")),
      upload(form("p", "a.jpg", jpeg, "image/jpeg").binaryFileUpload("beforeImagePath", "b.jpg", image, "image/jpeg")),
      upload(form("p", "a.jpg", jpeg, "image/jpeg").attribute("colour", "red")),
      upload(form("p", "a.jpg", jpeg, "image/jpeg").binaryFileUpload("mask", "m.jpg", image, "image/jpeg")),
      upload(MultipartForm.create().attribute("prompt", "p").attribute("beforeImagePath", "/tmp/a.jpg")),
      upload(form("p", "a.jpg", jpeg, "image/jpeg").attribute("prompt", "q")),
      upload(form("y".repeat(10_000), "a.jpg", jpeg, "image/jpeg")));
    List<String> expected = List.of("'prompt' field is missing", "'beforeImagePath' file is missing",
      "'beforeImagePath' file is empty", "'prompt' is empty", "more than MAX_PROMPT_CHARS (100)",
      "more than one file", "unknown field 'colour'", "unknown field 'mask'", "must be a file part",
      "'prompt' is sent 2 times", "longer than the form-field limit of 8192 bytes");
    Future.all(responses).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      for (int i = 0; i < responses.size(); i++) {
        assertError(responses.get(i).result(), 400, "invalid_upload", expected.get(i));
      }
      ctx.completeNow();
    })));
  }

  @Test
  void tooLargeIs413AndTheConnectionStaysUsable(VertxTestContext ctx) {
    // One just over the file limit (read and refused while streaming), one far over it (refused by Content-Length).
    byte[] overFileLimit = new byte[MAX_UPLOAD + 1];
    byte[] overBodyLimit = new byte[MAX_UPLOAD + 100_000];
    overFileLimit[0] = (byte) 0xFF;
    overFileLimit[1] = (byte) 0xD8;
    overFileLimit[2] = (byte) 0xFF;
    upload(form("big", "big.jpg", overFileLimit, "image/jpeg"))
      .compose(first -> {
        ctx.verify(() -> assertError(first, 413, "upload_too_large", "MAX_UPLOAD_BYTES"));
        return upload(form("bigger", "bigger.jpg", overBodyLimit, "image/jpeg"));
      })
      .compose(second -> {
        ctx.verify(() -> assertError(second, 413, "upload_too_large", "MAX_UPLOAD_BYTES"));
        return upload(form("small", "s.png", TestImages.png(8, 8), "image/png"));
      })
      .onComplete(ctx.succeeding(after -> ctx.verify(() -> {
        assertThat(after.statusCode()).as(after.bodyAsString()).isEqualTo(201);
        ctx.completeNow();
      })));
  }

  @Test
  void exactlyTheLimitIsAccepted(VertxTestContext ctx) {
    byte[] atLimit = new byte[MAX_UPLOAD];
    byte[] png = TestImages.png(4, 4);
    System.arraycopy(png, 0, atLimit, 0, png.length);
    upload(form("at the limit", "l.png", atLimit, "image/png")).onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
      assertThat(response.bodyAsJsonObject().getLong("size")).isEqualTo(MAX_UPLOAD);
      ctx.completeNow();
    })));
  }

  @Test
  void storageDownIs502AndNothingIsLeftHalfDone(VertxTestContext ctx) {
    stack.faults(new JsonObject().put("down", true))
      .compose(v -> upload(form("p", "a.jpg", TestImages.jpeg(16, 16), "image/jpeg")))
      .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
        assertError(response, 502, "storage_error", "connection to storage failed");
        ctx.completeNow();
      })));
  }

  /**
   * A store job sent twice (its first answer lost, say) finds its own object and succeeds with the same generation;
   * other bytes under a taken name are refused, never overwritten.
   */
  @Test
  void storesAreCreateOnlyAndASecondDeliveryIsHarmless(VertxTestContext ctx) {
    String name = TestStack.PREFIX + "uploads/twice.png";
    Buffer png = Buffer.buffer(TestImages.png(10, 10));
    long deadline = System.currentTimeMillis() + 3_000;
    StoreJob job = new StoreJob(TestStack.BUCKET, name, "image/png", Map.of("prompt", "p"), png, deadline);
    StoreJob other = new StoreJob(TestStack.BUCKET, name, "image/png", Map.of("prompt", "p"),
      Buffer.buffer(TestImages.png(11, 11)), deadline);
    var bus = stack.vertx.eventBus();
    bus.<StoreResult>request(Addresses.IMAGES_STORE, job).map(Message::body)
      .compose(first -> bus.<StoreResult>request(Addresses.IMAGES_STORE, job).map(Message::body)
        .compose(second -> {
          ctx.verify(() -> {
            assertThat(second.generation()).isEqualTo(first.generation());
            assertThat(second.crc32c()).isEqualTo(crc32c(png.getBytes()));
          });
          return bus.request(Addresses.IMAGES_STORE, other);
        }))
      .onComplete(ctx.failing(error -> ctx.verify(() -> {
        assertThat(error).isInstanceOf(ReplyException.class);
        assertThat(((ReplyException) error).failureCode()).isEqualTo(LoadFailure.UPSTREAM_ERROR.code());
        assertThat(error.getMessage()).contains("already exists with other content");
        storedResource(name).onComplete(ctx.succeeding(stored -> ctx.verify(() -> {
          assertThat(stored.getBinary("bytes")).isEqualTo(png.getBytes());
          ctx.completeNow();
        })));
      })));
  }
}
