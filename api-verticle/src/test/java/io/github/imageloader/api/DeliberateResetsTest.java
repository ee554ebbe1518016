package io.github.imageloader.api;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
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
 * The loader resets a storage request on purpose when the job's deadline passed while it waited for a pooled
 * connection (and when an attempt runs past its limit). Vert.x reports a reset of a request that has no
 * exception handler at ERROR ("Stream reset: 0", logger {@code HttpClientRequestImpl}), which the log
 * configurations turn off: a deliberate reset is not an error.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliberateResetsTest {

  private static final String RESET_LOGGER = "io.vertx.core.http.impl.HttpClientRequestImpl";

  private TestStack stack;

  @BeforeAll
  void start(Vertx vertx, @TempDir Path dataDir) {
    stack = TestStack.start(vertx, dataDir, "http", new JsonObject().put("BATCH_TIMEOUT_MS", 1000)).await();
  }

  @AfterAll
  void stop() {
    stack.clearFaults().await();
  }

  /** Does what the loader does when a connection comes too late: obtains a request, then resets it unsent. */
  private List<String> errorLinesOfAResetRequest(Vertx vertx) throws InterruptedException {
    HttpClient client = vertx.createHttpClient();
    Context context = vertx.getOrCreateContext();
    try (LogCapture log = LogCapture.record()) {
      Promise<Void> reset = Promise.promise();
      context.runOnContext(v -> client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
          .setPort(stack.emulatorPort()).setURI("/"))
        .onSuccess(request -> request.reset())
        .<Void>mapEmpty()
        .onComplete(reset));
      reset.future().await();
      Thread.sleep(200);
      return log.errorLines();
    } finally {
      client.close().await();
    }
  }

  @Test
  void aRequestResetOnPurposeLogsNoError(Vertx vertx) throws InterruptedException {
    assertThat(errorLinesOfAResetRequest(vertx)).isEmpty();

    Logger resets = (Logger) LoggerFactory.getLogger(RESET_LOGGER);
    Level configured = resets.getLevel();
    assertThat(configured).as("the test log configuration, like the app's, turns this logger off").isEqualTo(Level.OFF);
    resets.setLevel(Level.ERROR);
    try {
      assertThat(errorLinesOfAResetRequest(vertx)).as("control: with the logger on, the reset is an ERROR line")
        .isNotEmpty().allMatch(line -> line.contains("Stream reset"));
    } finally {
      resets.setLevel(configured);
    }
  }

  /**
   * The whole path: 60 images over 16 connections at 450 ms each outlast the 1 s deadline, so late jobs are
   * refused and (when a connection is handed out just as the deadline passes) reset; a 504, and no ERROR line.
   */
  @Test
  void aBatchPastItsDeadlineLogsNoError() throws InterruptedException {
    stack.faults(new JsonObject().put("latencyMs", 450)).await();
    String batch = TestStack.imagesQuery("/images", IntStream.range(0, TestStack.OBJECTS).mapToObj(stack::name).toList());
    try (LogCapture log = LogCapture.record()) {
      HttpResponse<Buffer> answer = stack.get(batch).await();
      assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(504);
      // The late jobs end as their connections come free, after the answer.
      Thread.sleep(1_000);
      assertThat(log.errorLines()).isEmpty();
    } finally {
      stack.clearFaults().await();
    }
  }
}
