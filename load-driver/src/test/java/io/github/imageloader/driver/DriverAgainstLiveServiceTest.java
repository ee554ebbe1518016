package io.github.imageloader.driver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.github.imageloader.app.ImageLoaderNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every scenario of k6/scenarios.json, shortened by the same knobs the k6 scripts take, run by the driver
 * against a live dev-mode node (real HTTP, real emulator), and its result checked against the schema the
 * k6 handleSummary writes.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DriverAgainstLiveServiceTest {

  private static final Path SCHEMA = Path.of("../k6/result.schema.json");

  Path workDir;
  ImageLoaderNode node;
  JsonSchema schema;

  @BeforeAll
  void startNode(Vertx vertx, VertxTestContext ctx, @TempDir Path tempDir) throws Exception {
    workDir = tempDir;
    writeImages(tempDir.resolve("gcs/my-bucket1008/test-images"));
    try (InputStream in = Files.newInputStream(SCHEMA)) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
    JsonObject config = new JsonObject()
      .put("MODE", "dev")
      .put("HTTP_HOST", "127.0.0.1")
      .put("HTTP_PORT", 0)
      .put("EMULATOR_PORT", 0)
      .put("EMULATOR_DATA_DIR", tempDir.resolve("gcs").toString())
      .put("EMULATOR_SIGNING_KEY_FILE", tempDir.resolve("dev-service-account.json").toString());
    ImageLoaderNode.start(vertx, config).onComplete(ctx.succeeding(started -> {
      node = started;
      ctx.completeNow();
    }));
  }

  /** 100 small objects named like the study's, so the node skips generating the real sample JPEGs. */
  private static void writeImages(Path folder) throws Exception {
    Files.createDirectories(folder);
    Random random = new Random(7);
    for (int i = 1; i <= 100; i++) {
      byte[] bytes = new byte[4_000 + random.nextInt(8_000)];
      random.nextBytes(bytes);
      Files.write(folder.resolve(String.format("image_%03d.jpg", i)), bytes);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"images", "signed-urls", "soak", "spike", "steps", "upload"})
  void runsTheScenarioAndWritesASchemaValidResult(String scenario, Vertx vertx, VertxTestContext ctx) throws Exception {
    String emulator = "http://127.0.0.1:" + node.emulatorPort();
    Path signedUrls = workDir.resolve("signed-urls.json");
    SignedUrlFile.write(signedUrls, SignedUrlFile.sign(workDir.resolve("dev-service-account.json"), emulator,
      "my-bucket1008", "test-images/", 100, 600));
    Path out = workDir.resolve(scenario + "-driver.json");
    String[] args = {"--scenario", scenario, "--base-url", "http://127.0.0.1:" + node.httpPort(),
      "--scenarios", "../k6/scenarios.json", "--signed-urls", signedUrls.toString(), "--out", out.toString(),
      "--emulator-url", emulator, "--upload-file", writeJpeg(workDir.resolve("upload.jpg")).toString(), "--duration", scenario.equals("steps") ? "1s" : "3s", "--vus", "4",
      "--think-min", "0.05", "--think-max", "0.1", "--batch-min", "5", "--batch-max", "10", "--quiet"};
    DriverOptions options = DriverOptions.parse(args, Map.of());

    LoadDriver.run(vertx, options).onComplete(ctx.succeeding(result -> ctx.verify(() -> {
      Set<ValidationMessage> problems = schema.validate(new ObjectMapper().readTree(Files.readString(out)));
      assertThat(problems).as("schema violations").isEmpty();
      JsonObject overall = result.getJsonObject("overall");
      assertThat(result.getString("tool")).isEqualTo("java-driver");
      assertThat(overall.getLong("requests")).isPositive();
      assertThat(overall.getLong("failures")).as(overall.encode()).isZero();
      String success = scenario.equals("upload") ? "201" : "200";
      assertThat(overall.getJsonObject("statusCodes").getLong(success)).isEqualTo(overall.getLong("requests"));
      assertThat(result.getJsonArray("steps").size())
        .isEqualTo(new JsonObject(Files.readString(Path.of("../k6/scenarios.json"))).getJsonObject(scenario).getJsonArray("stages").size());
      if (!scenario.equals("upload")) {
        assertThat(result.getJsonObject("upstream").getLong("objectRequests")).isGreaterThanOrEqualTo(overall.getLong("requests") * 5);
      }
      ctx.completeNow();
    })));
  }

  @Test
  void theFloorFetchesTheBatchesStraightFromStorageAfterAnUnrecordedWarmup(Vertx vertx, VertxTestContext ctx) throws Exception {
    String emulator = "http://127.0.0.1:" + node.emulatorPort();
    Path out = workDir.resolve("floor-driver.json");
    String[] args = {"--scenario", "images", "--storage-floor", emulator, "--node-config", "../conf/default.json",
      "--scenarios", "../k6/scenarios.json", "--out", out.toString(), "--emulator-url", emulator, "--duration", "2s",
      "--warmup", "1s", "--seed", "42", "--vus", "3", "--think-min", "0.05", "--think-max", "0.1", "--batch-min", "5",
      "--batch-max", "10", "--quiet"};
    DriverOptions options = DriverOptions.parse(args, Map.of());

    LoadDriver.run(vertx, options).onComplete(ctx.succeeding(result -> ctx.verify(() -> {
      assertThat(schema.validate(new ObjectMapper().readTree(Files.readString(out)))).as("schema violations").isEmpty();
      JsonObject overall = result.getJsonObject("overall");
      assertThat(result.getString("baseUrl")).isEqualTo(emulator);
      assertThat(overall.getLong("requests")).isPositive();
      assertThat(overall.getLong("failures")).as(overall.encode()).isZero();
      assertThat(result.getDouble("durationS")).as("only the recorded part").isLessThan(2.9);
      // the upstream counters span the warm-up too: at least 5 objects for every recorded batch
      assertThat(result.getJsonObject("upstream").getLong("objectRequests")).isGreaterThanOrEqualTo(overall.getLong("requests") * 5);
      ctx.completeNow();
    })));
  }

  /** A real JPEG, drawn now, for the upload scenario. */
  private static Path writeJpeg(Path file) throws Exception {
    if (!Files.exists(file)) {
      BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
      for (int x = 0; x < 64; x++) {
        for (int y = 0; y < 48; y++) {
          image.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | (x + y));
        }
      }
      ImageIO.write(image, "jpg", file.toFile());
    }
    return file;
  }
}
