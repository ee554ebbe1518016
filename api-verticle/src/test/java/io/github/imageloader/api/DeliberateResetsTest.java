package io.github.imageloader.api;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch whose deadline passes while its jobs wait for pooled storage connections: the loader resets the
 * requests it got a connection for too late, on purpose. That is a 504 for the client and no ERROR line for
 * the operator (Vert.x reports such a reset at ERROR from {@code HttpClientRequestImpl}, a logger the log
 * configurations turn off). The control turns that logger back on, so the test shows the resets do happen.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliberateResetsTest {

  private static final String RESET_LOGGER = "io.vertx.core.http.impl.HttpClientRequestImpl";

  private TestStack stack;
  private String fullBatch;

  @BeforeAll
  void start(Vertx vertx, @TempDir Path dataDir) {
    // 60 images over 16 connections at 450 ms each: the fourth wave gets its connections at about 1.35 s, after
    // the 1 s deadline, and is reset before it is sent.
    stack = TestStack.start(vertx, dataDir, "http", new JsonObject().put("BATCH_TIMEOUT_MS", 1000)).await();
    stack.faults(new JsonObject().put("latencyMs", 450)).await();
    fullBatch = TestStack.imagesQuery("/images", IntStream.range(0, TestStack.OBJECTS).mapToObj(stack::name).toList());
  }

  @AfterAll
  void stop() {
    stack.clearFaults().await();
  }

  private List<String> errorLinesOfOneLateBatch() throws InterruptedException {
    try (LogCapture log = LogCapture.record()) {
      HttpResponse<Buffer> answer = stack.get(fullBatch).await();
      assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(504);
      // The resets come as each late connection is handed out, shortly after the answer.
      Thread.sleep(1_000);
      return log.errorLines();
    }
  }

  @Test
  void aDeliberateResetIsNotAnError() throws InterruptedException {
    assertThat(errorLinesOfOneLateBatch()).isEmpty();

    Logger resets = (Logger) LoggerFactory.getLogger(RESET_LOGGER);
    Level configured = resets.getLevel();
    assertThat(configured).as("the test log configuration, like the app's, turns this logger off").isEqualTo(Level.OFF);
    resets.setLevel(Level.ERROR);
    try {
      assertThat(errorLinesOfOneLateBatch()).as("control: with the logger on, the same batch logs its resets")
        .isNotEmpty().allMatch(line -> line.contains("Stream reset"));
    } finally {
      resets.setLevel(configured);
    }
  }
}
