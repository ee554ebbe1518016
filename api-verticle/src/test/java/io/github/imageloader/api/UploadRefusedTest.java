package io.github.imageloader.api;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** Uploads are refused with 503 and Retry-After when no loader is there or the in-flight bound is reached. */
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
}
