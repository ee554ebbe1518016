package io.github.imageloader.app;

import io.github.imageloader.emulator.GcsEmulatorVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node (api and loader in one JVM) gets SIGTERM while eight clients keep it busy with batches that take
 * half a second each: every request it had accepted must still be answered 200, later ones are refused
 * at the connection (never a 5xx), and the process exits on its own once drained.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GracefulShutdownTest {

  private static final int CLIENTS = 8;

  Vertx vertx;
  WebClient client;
  GcsEmulatorVerticle emulator;

  @BeforeAll
  void startStorage(@TempDir Path dataDir) throws Exception {
    vertx = Vertx.vertx();
    client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(CLIENTS));
    Path images = dataDir.resolve("my-bucket1008/test-images");
    Files.createDirectories(images);
    Random random = new Random(5);
    for (int i = 1; i <= 50; i++) {
      byte[] bytes = new byte[5_000 + random.nextInt(20_000)];
      random.nextBytes(bytes);
      Files.write(images.resolve(String.format("image_%03d.jpg", i)), bytes);
    }
    emulator = new GcsEmulatorVerticle();
    vertx.deployVerticle(emulator, new DeploymentOptions().setConfig(new JsonObject()
      .put("port", 0).put("dataDir", dataDir.toString()).put("latencyMs", 500))).await();
  }

  @AfterAll
  void stop() {
    if (vertx != null) {
      vertx.close().await();
    }
  }

  /** One request's fate: when it was sent, relative to the SIGTERM, and what came back. */
  record Outcome(long sentNanos, int status, String error) {
  }

  @Test
  void sigtermUnderLoadCutsOffNoRequest() throws Exception {
    NodeProcess node = NodeProcess.start("graceful", Path.of("target", "graceful-test").toAbsolutePath(), Map.of(
      "MODE", "prod",
      "ROLES", "api,loader",
      "STORAGE_EMULATOR_HOST", "127.0.0.1:" + emulator.actualPort(),
      "SHUTDOWN_TIMEOUT_MS", "15000",
      // Storage answers in 0.5 s here: the loader's own warm-up would take its whole minute before the api's.
      "LOADER_WARMUP_READS", "0",
      "LOG_LEVEL", "INFO"));
    node.awaitReady(client, Duration.ofSeconds(120));

    AtomicBoolean running = new AtomicBoolean(true);
    ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    List<Future<Void>> users = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      Promise<Void> done = Promise.promise();
      users.add(done.future());
      loop(node, running, outcomes, done);
    }
    Thread.sleep(3_000);
    long sigterm = System.nanoTime();
    long inFlightAtSigterm = CLIENTS;
    int exit = node.terminate(60);
    long exitedAfterMs = (System.nanoTime() - sigterm) / 1_000_000;
    running.set(false);
    Future.all(users).await();

    List<Outcome> before = outcomes.stream().filter(o -> o.sentNanos() < sigterm).toList();
    List<Outcome> after = outcomes.stream().filter(o -> o.sentNanos() >= sigterm).toList();
    assertThat(exit).as("exit code after SIGTERM (143 = terminated by the signal, after the shutdown hook)").isIn(0, 143);
    assertThat(before).as("requests sent before SIGTERM").hasSizeGreaterThan((int) inFlightAtSigterm);
    assertThat(before).as("every request sent before SIGTERM is answered 200")
      .allSatisfy(o -> assertThat(o.status()).as(o.error()).isEqualTo(200));
    assertThat(after).as("requests sent after SIGTERM are answered 200 or refused at the connection, never a 5xx")
      .allSatisfy(o -> assertThat(o.status()).as(o.error()).isIn(0, 200));
    assertThat(Files.readString(node.log)).contains("Node stopped");
    System.out.printf("graceful shutdown: %d requests before SIGTERM all 200; %d after (%d refused); exited %d ms after SIGTERM%n",
      before.size(), after.size(), after.stream().filter(o -> o.status() == 0).count(), exitedAfterMs);
  }

  private void loop(NodeProcess node, AtomicBoolean running, ConcurrentLinkedQueue<Outcome> outcomes, Promise<Void> done) {
    if (!running.get()) {
      done.complete();
      return;
    }
    StringBuilder uri = new StringBuilder("/images?");
    for (int i = 0; i < 20; i++) {
      uri.append(i == 0 ? "" : "&").append(String.format("file_names=image_%03d.jpg", 1 + ThreadLocalRandom.current().nextInt(50)));
    }
    long sent = System.nanoTime();
    client.get(node.httpPort, "127.0.0.1", uri.toString()).timeout(30_000).send().onComplete(ar -> {
      outcomes.add(ar.succeeded()
        ? new Outcome(sent, ar.result().statusCode(), ar.result().bodyAsString())
        : new Outcome(sent, 0, ar.cause().toString()));
      // After a refusal, pause like a client backing off instead of spinning against a closed port.
      vertx.setTimer(ar.succeeded() ? 1 : 200, t -> loop(node, running, outcomes, done));
    });
  }
}
