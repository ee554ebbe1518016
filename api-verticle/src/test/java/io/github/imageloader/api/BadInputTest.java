package io.github.imageloader.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input suite, authentication off: several hundred malformed and hostile requests against a real
 * stack (emulator, loader, api), each with its exact 4xx and error code, none a 5xx; then the service is
 * still healthy, still loads a full batch (so no in-flight slot leaked), and its heap did not grow.
 */
@ExtendWith({VertxExtension.class, NoErrorLines.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

  private static final Logger LOG = LoggerFactory.getLogger(BadInputTest.class);
  /** Equal to the number of test objects, so a full batch fails with 503 if a single job slot leaked. */
  private static final int MAX_JOBS_IN_FLIGHT = TestStack.OBJECTS;
  private static final int MAX_BODY_BYTES = 1_048_576;
  private static final int ROUNDS = 3;

  private TestStack stack;
  private BadInputClients clients;
  private HttpServer target;
  private HttpServer redirector;
  private final AtomicInteger targetHits = new AtomicInteger();

  @BeforeAll
  void start(Vertx vertx, @TempDir Path dataDir) {
    target = vertx.createHttpServer().requestHandler(request -> {
      targetHits.incrementAndGet();
      request.response().end("internal secret");
    }).listen(0, "127.0.0.1").await();
    // /<status>/<where>: a redirect to the metadata service, the api itself, or the counting target.
    redirector = vertx.createHttpServer().requestHandler(request -> {
      String[] parts = request.path().split("/");
      String location = switch (parts[2]) {
        case "metadata" -> "http://169.254.169.254/latest/meta-data/";
        case "loopback" -> "http://127.0.0.1:" + stack.apiPort() + "/health";
        case "emulator" -> stack.signedUrl(stack.name(0), 0);
        default -> "http://127.0.0.1:" + target.actualPort() + "/secret";
      };
      request.response().setStatusCode(Integer.parseInt(parts[1])).putHeader("Location", location).end();
    }).listen(0, "127.0.0.1").await();
    int r = redirector.actualPort();
    JsonObject config = new JsonObject()
      .put("MAX_JOBS_IN_FLIGHT", MAX_JOBS_IN_FLIGHT)
      .put("MAX_BODY_BYTES", MAX_BODY_BYTES)
      // The redirector is opted in to loopback; "localhost" on its port is allow-listed but not opted in, and
      // the counting target is allow-listed but not opted in either.
      .put("SIGNED_URL_ALLOWED_HOSTS", "127.0.0.1:" + r + ",localhost:" + r + ",127.0.0.1:" + target.actualPort())
      .put("SIGNED_URL_PRIVATE_HOSTS", "127.0.0.1:" + r);
    stack = TestStack.start(vertx, dataDir, "http", config).await();
    clients = BadInputClients.create(vertx, stack);
  }

  @AfterAll
  void stop() {
    clients.close().await();
    target.close().await();
    redirector.close().await();
  }

  private List<BadInputCase> cases() {
    String good = stack.signedUrl(stack.name(0), 0);
    int r = redirector.actualPort();
    List<BadInputCase> cases = new ArrayList<>();
    cases.addAll(BadInputCatalog.queryNames());
    cases.addAll(BadInputCatalog.jsonNames());
    cases.addAll(BadInputCatalog.jsonBodies());
    cases.addAll(BadInputCatalog.ssrf(stack.apiPort(), stack.emulatorPort(), good));
    cases.addAll(BadInputCatalog.protocol(MAX_BODY_BYTES));
    cases.addAll(BadInputCatalog.framing(null));
    for (int status : List.of(301, 302, 303, 307, 308)) {
      for (String where : List.of("metadata", "loopback", "target", "emulator")) {
        String url = "http://127.0.0.1:" + r + "/" + status + "/" + where + "?" + BadInputCatalog.SECRET;
        cases.add(new BadInputCase("redirect " + status + " to " + where, c -> c.postJson("/load-images",
          new JsonArray().add(good).add(url).toBuffer()), 400, "url_not_allowed"));
      }
    }
    String resolvesToLoopback = "http://localhost:" + r + "/200/target?" + BadInputCatalog.SECRET;
    cases.add(new BadInputCase("allow-listed name resolving to 127.0.0.1", c -> c.postJson("/load-images",
      new JsonArray().add(resolvesToLoopback).toBuffer()), 400, "url_not_allowed"));
    String allowedNotOptedIn = "http://127.0.0.1:" + target.actualPort() + "/secret";
    cases.add(new BadInputCase("allow-listed loopback address not opted in", c -> c.postJson("/load-images",
      new JsonArray().add(allowedNotOptedIn).toBuffer()), 400, "url_not_allowed"));
    return cases;
  }

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void everyBadRequestGetsItsExact4xxAndNothingLeaks() {
    List<BadInputCase> cases = cases();
    assertThat(cases.size()).isGreaterThan(400);
    long heapAfterFirst = 0;
    long started = System.nanoTime();
    for (int round = 1; round <= ROUNDS; round++) {
      List<String> mismatches = BadInputRunner.run(clients, cases);
      assertThat(mismatches).as("round " + round + " of " + cases.size() + " cases").isEmpty();
      long heap = BadInputRunner.heapUsedAfterGc();
      LOG.info("Bad-input round {}: {} cases, heap used after GC {} MB", round, cases.size(), heap >> 20);
      if (round == 1) {
        heapAfterFirst = heap;
      } else if (round == ROUNDS) {
        // The first round warms up (class loading, JIT, Netty's pools, metric series); after it, what a round
        // leaves behind must be noise: 10 % or 16 MB, whichever is larger. Two more rounds that leaked even one
        // retained 1 MB body per oversized request, or a connection's buffers per raw request, would exceed it.
        long margin = Math.max(heapAfterFirst / 10, 16L << 20);
        assertThat(heap).as("heap after round %d vs round 1 (%d MB)", round, heapAfterFirst >> 20)
          .isLessThan(heapAfterFirst + margin);
      }
    }
    LOG.info("Bad-input suite: {} requests in {} ms", cases.size() * ROUNDS, (System.nanoTime() - started) / 1_000_000);
    assertThat(targetHits.get()).as("requests that reached the internal target through a redirect").isZero();

    // These two are refused by the loader, not the api: on the addresses a name resolves to, and on a 3xx.
    int r = redirector.actualPort();
    BadInputCase.Reply rebound = clients.postJson("/load-images",
      new JsonArray().add("http://localhost:" + r + "/302/target?" + BadInputCatalog.SECRET).toBuffer()).await();
    assertThat(new JsonObject(rebound.body()).getString("message")).contains("resolves to the loopback");
    BadInputCase.Reply redirected = clients.postJson("/load-images",
      new JsonArray().add("http://127.0.0.1:" + r + "/302/metadata?" + BadInputCatalog.SECRET).toBuffer()).await();
    assertThat(new JsonObject(redirected.body()).getString("message")).contains("redirect (HTTP 302)", "never followed")
      .doesNotContain("169.254.169.254");

    BadInputCase.Reply health = clients.get("/health").await();
    assertThat(health.status()).isEqualTo(200);
    // A full batch needs every in-flight slot: any slot leaked by a refused request would make it a 503.
    List<String> all = IntStream.range(0, TestStack.OBJECTS).mapToObj(stack::name).toList();
    BadInputCase.Reply batch = clients.get(TestStack.imagesQuery("/images", all)).await();
    assertThat(batch.status()).as(batch.body()).isEqualTo(200);
    assertThat(new JsonObject(batch.body()).getInteger("count")).isEqualTo(TestStack.OBJECTS);
    BadInputCase.Reply signed = clients.postJson("/load-images",
      new JsonArray().add(stack.signedUrl(stack.name(1), 0)).toBuffer()).await();
    assertThat(signed.status()).as(signed.body()).isEqualTo(200);
    JsonObject emulator = stack.emulatorStats().await();
    assertThat(emulator.getLong("openConnections")).as("storage connections open after the suite").isLessThanOrEqualTo(16 + 2);
  }
}
