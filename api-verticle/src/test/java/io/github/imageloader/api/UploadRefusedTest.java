package io.github.imageloader.api;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads are refused with 503 and Retry-After when no loader is there or an in-flight bound is reached, and
 * with 408 when their form does not arrive in time.
 */
@ExtendWith(VertxExtension.class)
class UploadRefusedTest {

  private static MultipartForm form() {
    return MultipartForm.create().attribute("prompt", "p")
      .binaryFileUpload("beforeImagePath", "a.jpg", Buffer.buffer(TestImages.jpeg(16, 16)), "image/jpeg");
  }

  private static void assert503(HttpResponse<Buffer> response, String error) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(503);
    assertThat(response.getHeader("Retry-After")).isEqualTo("1");
    assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo(error);
  }

  @Test
  void noLoaderIs503(Vertx vertx, VertxTestContext ctx) {
    ApiVerticle api = new ApiVerticle();
    JsonObject config = new JsonObject().put("HTTP_HOST", "127.0.0.1").put("HTTP_PORT", 0).put("BATCH_TIMEOUT_MS", 1500);
    vertx.deployVerticle(api, new DeploymentOptions().setConfig(config))
      .compose(id -> WebClient.create(vertx).post(api.actualPort(), "127.0.0.1", "/images").sendMultipartForm(form()))
      .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
        assert503(response, "no_loaders");
        ctx.completeNow();
      })));
  }

  @Test
  void noSlotLeftIs503AndTheSlotIsNotLeaked(Vertx vertx, VertxTestContext ctx) {
    ApiVerticle api = new ApiVerticle();
    JsonObject config = new JsonObject().put("HTTP_HOST", "127.0.0.1").put("HTTP_PORT", 0).put("MAX_JOBS_IN_FLIGHT", 0);
    WebClient client = WebClient.create(vertx);
    vertx.deployVerticle(api, new DeploymentOptions().setConfig(config))
      .compose(id -> client.post(api.actualPort(), "127.0.0.1", "/images").sendMultipartForm(form()))
      .compose(first -> {
        ctx.verify(() -> assert503(first, "overloaded"));
        return client.post(api.actualPort(), "127.0.0.1", "/images").sendMultipartForm(form());
      })
      .onComplete(ctx.succeeding(second -> ctx.verify(() -> {
        assert503(second, "overloaded");
        ctx.completeNow();
      })));
  }

  /** Opens a connection and sends the head of an upload with only part of its body, then stalls. */
  private static Future<NetSocket> trickle(Vertx vertx, int port, Buffer received) {
    String head = "POST /images HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=XyZ\r\n"
      + "Content-Length: 100000\r\n\r\n--XyZ\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\np\r\n";
    return vertx.createNetClient().connect(port, "127.0.0.1")
      .compose(socket -> {
        socket.handler(received::appendBuffer);
        return socket.write(head).map(socket);
      });
  }

  @Test
  void anUploadThatTricklesIs408AfterTheReadTimeoutAndFreesItsSlot(Vertx vertx, VertxTestContext ctx) {
    ApiVerticle api = new ApiVerticle();
    JsonObject config = new JsonObject().put("HTTP_HOST", "127.0.0.1").put("HTTP_PORT", 0)
      .put("UPLOAD_READ_TIMEOUT_MS", 300).put("MAX_UPLOADS_IN_FLIGHT", 1).put("BATCH_TIMEOUT_MS", 1500)
      .put("SHUTDOWN_TIMEOUT_MS", 1_000);
    Buffer received = Buffer.buffer();
    NetSocket[] stalled = new NetSocket[1];
    vertx.deployVerticle(api, new DeploymentOptions().setConfig(config))
      .compose(id -> trickle(vertx, api.actualPort(), received))
      .compose(socket -> {
        stalled[0] = socket;
        return vertx.timer(1_000);
      })
      // The slot is free again: the next upload gets as far as finding no loader.
      .compose(v -> WebClient.create(vertx).post(api.actualPort(), "127.0.0.1", "/images").sendMultipartForm(form()))
      .onComplete(ctx.succeeding(next -> ctx.verify(() -> {
        String answer = received.toString();
        assertThat(answer).startsWith("HTTP/1.1 408").contains("\"upload_timeout\"");
        assert503(next, "no_loaders");
        stalled[0].close();
        ctx.completeNow();
      })));
  }

  @Test
  void uploadsBeyondMaxUploadsInFlightAre503(Vertx vertx, VertxTestContext ctx) {
    ApiVerticle api = new ApiVerticle();
    JsonObject config = new JsonObject().put("HTTP_HOST", "127.0.0.1").put("HTTP_PORT", 0).put("MAX_UPLOADS_IN_FLIGHT", 1)
      .put("UPLOAD_READ_TIMEOUT_MS", 2_000);
    vertx.deployVerticle(api, new DeploymentOptions().setConfig(config))
      .compose(id -> trickle(vertx, api.actualPort(), Buffer.buffer()))
      .compose(stalled -> vertx.timer(200))
      .compose(v -> WebClient.create(vertx).post(api.actualPort(), "127.0.0.1", "/images").sendMultipartForm(form()))
      .onComplete(ctx.succeeding(second -> ctx.verify(() -> {
        assert503(second, "overloaded");
        assertThat(second.bodyAsJsonObject().getString("message")).contains("uploads in flight (limit 1)");
        ctx.completeNow();
      })));
  }
}
