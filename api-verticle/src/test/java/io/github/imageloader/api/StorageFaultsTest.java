package io.github.imageloader.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service under storage faults, with the production retry and breaker settings: transient errors
 * never reach the client, corrupted bytes never leave the service, and an outage fails fast and heals.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StorageFaultsTest {

  private static final Logger LOG = LoggerFactory.getLogger(StorageFaultsTest.class);

  private TestStack stack;
  private final Random random = new Random(7);

  @BeforeAll
  void startStack(Vertx vertx, VertxTestContext ctx, @TempDir Path dataDir) {
    JsonObject production = new JsonObject()
      .put("STORAGE_POOL_SIZE", 64)
      .put("RETRY_MAX_ATTEMPTS", 8)
      .put("RETRY_BASE_DELAY_MS", 50)
      .put("RETRY_MAX_DELAY_MS", 1000)
      .put("BATCH_TIMEOUT_MS", 10_000)
      .put("STORAGE_BREAKER_WINDOW", 50)
      .put("STORAGE_BREAKER_FAILURE_RATE", 50)
      .put("STORAGE_BREAKER_OPEN_MS", 2000);
    TestStack.start(vertx, dataDir, "http", production).onComplete(ctx.succeeding(started -> {
      stack = started;
      ctx.completeNow();
    }));
  }

  @AfterEach
  void clearFaults(VertxTestContext ctx) {
    stack.clearFaults().onComplete(ctx.succeedingThenComplete());
  }

  /** The study's request shape: 30–50 of the objects, in random order. */
  private List<String> studyBatch() {
    List<String> names = new ArrayList<>(IntStream.range(0, TestStack.OBJECTS).mapToObj(stack::name).toList());
    Collections.shuffle(names, random);
    return names.subList(0, 30 + random.nextInt(21));
  }

  /** {@code clients} closed-loop clients, each sending {@code requests} requests one after another. */
  private static <T> Future<List<T>> closedLoop(int clients, int requests, Supplier<Future<T>> request) {
    List<T> outcomes = new CopyOnWriteArrayList<>();
    List<Future<Void>> loops = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      loops.add(loop(requests, request, outcomes));
    }
    return Future.all(loops).map(done -> outcomes);
  }

  private static <T> Future<Void> loop(int left, Supplier<Future<T>> request, List<T> outcomes) {
    if (left == 0) {
      return Future.succeededFuture();
    }
    return request.get().compose(outcome -> {
      outcomes.add(outcome);
      return loop(left - 1, request, outcomes);
    });
  }

  @Test
  @Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
  void fivePercent503sAndFivePercentResetsNeverReachTheClient(VertxTestContext ctx) {
    stack.faults(new JsonObject().put("errorRate", 0.05).put("errorStatuses", new JsonArray().add(503)).put("resetRate", 0.05))
      .compose(v -> closedLoop(10, 25, () -> stack.get(TestStack.imagesQuery("/images", studyBatch()))))
      .onComplete(ctx.succeeding(responses -> ctx.verify(() -> {
        int images = 0;
        int attempts = 0;
        for (HttpResponse<Buffer> response : responses) {
          assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
          for (Object image : response.bodyAsJsonObject().getJsonArray("images")) {
            images++;
            attempts += ((JsonObject) image).getInteger("attempts");
          }
        }
        LOG.info("5% 503 + 5% resets: {} batches, {} images, all 200; {} storage requests ({} retries)",
          responses.size(), images, attempts, attempts - images);
        assertThat(responses).hasSize(250);
        // The faults did happen, and retries absorbed them.
        assertThat(attempts - images).isGreaterThan(images / 20);
        ctx.completeNow();
      })));
  }

  @Test
  @Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
  void corruptedBytesAreNeverReturned(VertxTestContext ctx) {
    stack.faults(new JsonObject().put("corruptRate", 0.2))
      .compose(v -> closedLoop(4, 15, () -> {
        List<String> names = studyBatch().subList(0, 20);
        return stack.get(TestStack.imagesQuery("/images/archive", names)).map(response -> new Archive(names, response));
      }))
      .onComplete(ctx.succeeding(archives -> ctx.verify(() -> {
        int images = 0;
        for (Archive archive : archives) {
          HttpResponse<Buffer> response = archive.response();
          if (response.statusCode() != 200) {
            // A batch whose retries all met corruption may fail, loudly; it must never carry bad bytes.
            assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(502);
            assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("checksum_mismatch");
            continue;
          }
          images += assertArchiveHoldsOriginals(archive);
        }
        LOG.info("20% corruption: {} archives, {} images compared byte for byte, all intact", archives.size(), images);
        assertThat(images).isGreaterThan(0);
        ctx.completeNow();
      })));
  }

  private record Archive(List<String> names, HttpResponse<Buffer> response) {
  }

  private int assertArchiveHoldsOriginals(Archive archive) {
    List<String> entries = new ArrayList<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(archive.response().body().getBytes()))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        entries.add(entry.getName());
        assertThat(tar.readAllBytes()).as(entry.getName()).isEqualTo(stack.objects.get(entry.getName()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(entries).containsExactlyElementsOf(archive.names());
    return entries.size();
  }

  @Test
  @Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
  void storageDownFailsFastOnceTheBreakerOpensAndRecoversWithinSeconds(Vertx vertx, VertxTestContext ctx) {
    String batch = TestStack.imagesQuery("/images", studyBatch());
    List<Long> fastFailMs = new ArrayList<>();
    long[] recoveredAt = new long[1];
    stack.faults(new JsonObject().put("down", true))
      .compose(v -> untilStatus(vertx, batch, 503, 50))
      .compose(opened -> {
        ctx.verify(() -> {
          assertThat(opened.bodyAsJsonObject().getString("error")).isEqualTo("storage_unavailable");
          assertThat(opened.getHeader("Retry-After")).isNotBlank();
        });
        return timedRequests(batch, 20, fastFailMs);
      })
      .compose(v -> stack.clearFaults())
      .compose(v -> {
        long cleared = System.nanoTime();
        return untilStatus(vertx, batch, 200, 100).map(ok -> recoveredAt[0] = (System.nanoTime() - cleared) / 1_000_000);
      })
      .onComplete(ctx.succeeding(recoveryMs -> ctx.verify(() -> {
        List<Long> sorted = fastFailMs.stream().sorted().toList();
        LOG.info("Storage down: 503 in {} ms median, {} ms max over {} batches; recovered {} ms after storage came back",
          sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), sorted.size(), recoveryMs);
        assertThat(sorted.get(sorted.size() / 2)).as("median time to a 503 with the breaker open").isLessThan(100);
        assertThat(recoveryMs).as("time from storage back to a successful batch").isLessThan(10_000);
        ctx.completeNow();
      })));
  }

  /** Sends {@code count} batches one after another; each must be a 503 storage_unavailable; records their times. */
  private Future<Void> timedRequests(String uri, int count, List<Long> timesMs) {
    if (count == 0) {
      return Future.succeededFuture();
    }
    long started = System.nanoTime();
    return stack.get(uri).compose(response -> {
      timesMs.add((System.nanoTime() - started) / 1_000_000);
      if (response.statusCode() != 503 || !"storage_unavailable".equals(response.bodyAsJsonObject().getString("error"))) {
        return Future.failedFuture("expected 503 storage_unavailable while storage is down, got "
          + response.statusCode() + " " + response.bodyAsString());
      }
      return timedRequests(uri, count - 1, timesMs);
    });
  }

  /** Repeats {@code uri} every 100 ms until it answers {@code status}, at most {@code tries} times. */
  private Future<HttpResponse<Buffer>> untilStatus(Vertx vertx, String uri, int status, int tries) {
    return stack.get(uri).compose(response -> {
      if (response.statusCode() == status) {
        return Future.succeededFuture(response);
      }
      if (tries <= 1) {
        return Future.failedFuture("never answered " + status + "; last: " + response.statusCode() + " " + response.bodyAsString());
      }
      return vertx.timer(100).compose(t -> untilStatus(vertx, uri, status, tries - 1));
    });
  }
}
