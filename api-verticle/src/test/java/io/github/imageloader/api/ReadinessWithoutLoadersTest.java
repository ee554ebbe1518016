package io.github.imageloader.api;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** An api with no loader anywhere is alive but not ready, and says why; batches get 503, not a hang. */
@ExtendWith(VertxExtension.class)
class ReadinessWithoutLoadersTest {

  @Test
  void notReadyAndBatchesRefused(Vertx vertx, VertxTestContext ctx) {
    ApiVerticle api = new ApiVerticle();
    WebClient client = WebClient.create(vertx);
    JsonObject config = new JsonObject().put("HTTP_HOST", "127.0.0.1").put("HTTP_PORT", 0);
    vertx.deployVerticle(api, new DeploymentOptions().setConfig(config))
      .compose(id -> client.get(api.actualPort(), "127.0.0.1", "/ready").send())
      .compose(ready -> {
        ctx.verify(() -> {
          assertThat(ready.statusCode()).isEqualTo(503);
          assertThat(ready.bodyAsJsonObject().getString("error")).isEqualTo("not_ready");
          assertThat(ready.bodyAsJsonObject().getString("message")).contains("no loader");
        });
        return client.get(api.actualPort(), "127.0.0.1", "/images?file_names=a.jpg").send();
      })
      .onComplete(ctx.succeeding(batch -> ctx.verify(() -> {
        assertThat(batch.statusCode()).isEqualTo(503);
        assertThat(batch.getHeader("Retry-After")).isEqualTo("1");
        assertThat(batch.bodyAsJsonObject().getString("error")).isEqualTo("no_loaders");
        ctx.completeNow();
      })));
  }
}
