package io.github.imageloader.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adaptive admission against the real emulator: when the loaders slow down (storage latency jumps 100-fold), the node
 * sheds batches at once with 503 {@code overloaded} instead of queueing them toward their deadline, and its limit
 * grows back once latency recovers.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
class AdmissionTest {

  /** More clients than the limit may reach: an adaptive limit only moves while the demand presses on it. */
  private static final int CLIENTS = 48;

  private TestStack stack;
  private Vertx vertx;
  /** A connection per client: the stack's own client would queue them on a few connections. */
  private WebClient client;

  @BeforeAll
  void startStack(Vertx vertx, @TempDir Path dataDir) throws Exception {
    this.vertx = vertx;
    client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(CLIENTS));
    stack = TestStack.start(vertx, dataDir, "http", new JsonObject()
        .put("ADMISSION_INITIAL_LIMIT", 16)
        .put("ADMISSION_MIN_LIMIT", 2)
        .put("ADMISSION_MAX_LIMIT", 24)
        // Storage, not the pool, is what slows down here: every admitted batch's reads fit in the pool at once.
        .put("STORAGE_POOL_SIZE", 256)
        .put("BATCH_TIMEOUT_MS", 10_000))
      .await(60, TimeUnit.SECONDS);
  }

  @AfterAll
  void clear() throws Exception {
    stack.clearFaults().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aNodeWhoseLoadersSlowDownShedsInsteadOfQueueingAndRecovers() throws Exception {
    String batch = TestStack.imagesQuery("/images", IntStream.range(0, 10).mapToObj(stack::name).toList());
    stack.faults(new JsonObject().put("latencyMs", 10)).await(10, TimeUnit.SECONDS);
    // A cold node is slow at first (the JIT): the limit learns its latency once it is warm.
    drive(batch, 4_000);
    Map<Integer, AtomicInteger> fast = drive(batch, 3_000);
    int learnt = admission().limit();
    // While latency stays low the limit grows past where it started (16) toward its bound.
    assertThat(learnt).isGreaterThan(16);
    assertThat(fast).containsKey(200);

    stack.faults(new JsonObject().put("latencyMs", 1_000)).await(10, TimeUnit.SECONDS);
    Map<Integer, AtomicInteger> slow = drive(batch, 6_000);
    int shrunk = admission().limit();
    // Shed at once rather than queued: 503s appear, and no batch waited into its deadline.
    assertThat(slow).containsKey(503);
    assertThat(slow).doesNotContainKey(504);
    assertThat(shrunk).isLessThan(learnt);

    stack.faults(new JsonObject().put("latencyMs", 10)).await(10, TimeUnit.SECONDS);
    drive(batch, 4_000);
    assertThat(admission().limit()).isGreaterThan(shrunk);
  }

  private Admission admission() {
    return (Admission) vertx.sharedData().getLocalMap("imageloader.admission").get("api");
  }

  /** {@link #CLIENTS} closed-loop clients for {@code millis}; the count of answers by status. */
  private Map<Integer, AtomicInteger> drive(String uri, long millis) throws Exception {
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    AtomicBoolean running = new AtomicBoolean(true);
    vertx.setTimer(millis, t -> running.set(false));
    List<Future<Void>> clients = IntStream.range(0, CLIENTS).mapToObj(i -> loop(uri, running, statuses)).toList();
    Future.all(clients).await(60, TimeUnit.SECONDS);
    return statuses;
  }

  private Future<Void> loop(String uri, AtomicBoolean running, Map<Integer, AtomicInteger> statuses) {
    if (!running.get()) {
      return Future.succeededFuture();
    }
    return client.get(stack.apiPort(), "127.0.0.1", uri).send().compose(response -> {
      statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
      if (response.statusCode() == 503) {
        assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("overloaded");
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        // A shed client backs off a little, as Retry-After asks (shortened for the test).
        return vertx.timer(100).compose(v -> loop(uri, running, statuses));
      }
      return loop(uri, running, statuses);
    });
  }
}
