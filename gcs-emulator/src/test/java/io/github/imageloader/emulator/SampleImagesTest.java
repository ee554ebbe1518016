package io.github.imageloader.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class SampleImagesTest {

  @TempDir Path dataDir;

  @Test
  void verticleGeneratesOneHundredValidJpegsOnStart(Vertx vertx, VertxTestContext ctx)
      throws Exception {
    int port =
        EmulatorFixture.deploy(vertx, dataDir, new JsonObject().put("generateSamples", true))
            .actualPort();

    Path dir = dataDir.resolve("my-bucket1008/test-images");
    Set<String> dimensions = new HashSet<>();
    for (int i = 1; i <= 100; i++) {
      Path file = dir.resolve(String.format("image_%03d.jpg", i));
      assertThat(file).exists();
      assertThat(Files.size(file)).isBetween(100L * 1024, 600L * 1024);
      BufferedImage image = ImageIO.read(file.toFile());
      assertThat(image).as(file + " decodes").isNotNull();
      dimensions.add(image.getWidth() + "x" + image.getHeight());
    }
    try (var files = Files.list(dir)) {
      assertThat(files.count()).isEqualTo(100);
    }
    assertThat(dimensions).hasSizeGreaterThan(20);
    assertThat(SampleImages.render(7)).isEqualTo(Files.readAllBytes(dir.resolve("image_007.jpg")));

    WebClient.create(vertx)
        .get(port, "127.0.0.1", "/storage/v1/b/my-bucket1008/o?prefix=test-images%2F")
        .send()
        .onComplete(
            ctx.succeeding(
                response ->
                    ctx.verify(
                        () -> {
                          JsonObject json = response.bodyAsJsonObject();
                          assertThat(json.getJsonArray("items")).hasSize(100);
                          assertThat(json.getJsonArray("items").getJsonObject(0).getString("name"))
                              .isEqualTo("test-images/image_001.jpg");
                          assertThat(
                                  json.getJsonArray("items")
                                      .getJsonObject(0)
                                      .getString("contentType"))
                              .isEqualTo("image/jpeg");
                          ctx.completeNow();
                        })));
  }

  @Test
  void existingImagesAreNotRegenerated(Vertx vertx) throws Exception {
    Path dir = dataDir.resolve("my-bucket1008/test-images");
    Files.createDirectories(dir);
    Files.write(dir.resolve("mine.jpg"), new byte[] {1, 2, 3});

    EmulatorFixture.deploy(vertx, dataDir, new JsonObject().put("generateSamples", true));

    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("mine.jpg");
    }
  }
}
