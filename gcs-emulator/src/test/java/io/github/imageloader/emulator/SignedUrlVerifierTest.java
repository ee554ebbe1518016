package io.github.imageloader.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class SignedUrlVerifierTest {

  @TempDir Path dataDir;

  @Test
  void pluggedVerifierSeesTheRequestAndCanReject(Vertx vertx, VertxTestContext ctx)
      throws Exception {
    Path file = dataDir.resolve("bucket/a b/c.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "signed");
    List<SignedUrlRequest> seen = new ArrayList<>();
    GcsEmulatorVerticle emulator =
        new GcsEmulatorVerticle(
            request -> {
              seen.add(request);
              if (!"good".equals(request.queryParams().get("X-Goog-Signature"))) {
                throw SignedUrlRejection.signatureDoesNotMatch("bad signature");
              }
            });
    vertx
        .deployVerticle(
            emulator,
            new DeploymentOptions()
                .setConfig(
                    new JsonObject().put("dataDir", dataDir.toString()).put("port", 0)))
        .await();
    WebClient client = WebClient.create(vertx);
    int port = emulator.actualPort();

    Future<HttpResponse<Buffer>> accepted =
        client.get(port, "127.0.0.1", "/bucket/a%20b/c.txt?X-Goog-Signature=good").send();
    Future<HttpResponse<Buffer>> rejected =
        client.get(port, "127.0.0.1", "/bucket/a%20b/c.txt?X-Goog-Signature=bad").send();
    Future.all(accepted, rejected)
        .onComplete(
            ctx.succeeding(
                all ->
                    ctx.verify(
                        () -> {
                          assertThat(accepted.result().statusCode()).isEqualTo(200);
                          assertThat(accepted.result().bodyAsString()).isEqualTo("signed");
                          assertThat(rejected.result().statusCode()).isEqualTo(403);
                          assertThat(rejected.result().bodyAsString())
                              .contains("<Code>SignatureDoesNotMatch</Code>");
                          SignedUrlRequest first = seen.get(0);
                          assertThat(first.bucket()).isEqualTo("bucket");
                          assertThat(first.objectName()).isEqualTo("a b/c.txt");
                          assertThat(first.rawPath()).isEqualTo("/bucket/a%20b/c.txt");
                          assertThat(first.method()).isEqualTo("GET");
                          ctx.completeNow();
                        })));
  }
}
