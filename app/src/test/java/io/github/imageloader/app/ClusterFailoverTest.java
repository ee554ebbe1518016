package io.github.imageloader.app;

import io.github.imageloader.emulator.GcsEmulatorVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
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
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three real JVMs on loopback — one api node, two loader nodes — clustered with Hazelcast over
 * cluster.xml, storage from an emulator in this JVM. Under continuous load one loader is killed with
 * SIGKILL and later a new one joins: the clients must see no failure, and the newcomer must receive
 * jobs within 15 s of being ready.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailoverTest {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  Vertx vertx;
  WebClient client;
  GcsEmulatorVerticle emulator;
  Path logs;
  Map<String, String> clusterEnv;
  final List<NodeProcess> nodes = new ArrayList<>();

  @BeforeAll
  void startCluster(@TempDir Path dataDir) throws Exception {
    vertx = Vertx.vertx();
    client = WebClient.create(vertx, new io.vertx.ext.web.client.WebClientOptions(), new PoolOptions().setHttp1MaxSize(32));
    Path images = dataDir.resolve("my-bucket1008/test-images");
    Files.createDirectories(images);
    Random random = new Random(3);
    for (int i = 1; i <= 100; i++) {
      byte[] bytes = new byte[5_000 + random.nextInt(20_000)];
      random.nextBytes(bytes);
      Files.write(images.resolve(String.format("image_%03d.jpg", i)), bytes);
    }
    emulator = new GcsEmulatorVerticle();
    vertx.deployVerticle(emulator, new DeploymentOptions().setConfig(new JsonObject()
      .put("port", 0).put("dataDir", dataDir.toString()).put("latencyMs", 10).put("jitterMs", 5))).await();
    logs = Path.of("target", "cluster-test").toAbsolutePath();
    clusterEnv = Map.of(
      "CLUSTERED", "true",
      "CLUSTER_NAME", "failover-test-" + UUID.randomUUID(),
      "MODE", "prod",
      "STORAGE_EMULATOR_HOST", "127.0.0.1:" + emulator.actualPort(),
      "LOG_LEVEL", "INFO");
    nodes.add(NodeProcess.start("api", logs, with("ROLES", "api")));
    nodes.add(NodeProcess.start("loader-1", logs, with("ROLES", "loader")));
    nodes.add(NodeProcess.start("loader-2", logs, with("ROLES", "loader")));
    for (NodeProcess node : nodes) {
      node.awaitReady(client, START_TIMEOUT);
    }
  }

  private Map<String, String> with(String key, String value) {
    Map<String, String> env = new java.util.HashMap<>(clusterEnv);
    env.put(key, value);
    return env;
  }

  @AfterAll
  void stopCluster() throws Exception {
    for (NodeProcess node : nodes) {
      node.stop();
    }
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  @Order(1)
  void survivesALoaderKilledMidLoadAndUsesANewOne() throws Exception {
    NodeProcess api = nodes.get(0);
    Clients clients = new Clients(api, 8);

    Thread.sleep(5_000);
    long beforeKill = clients.ok.get();
    nodes.get(1).kill();
    Thread.sleep(12_000);
    long afterKill = clients.ok.get();

    NodeProcess newcomer = NodeProcess.start("loader-3", logs, with("ROLES", "loader"));
    nodes.add(newcomer);
    newcomer.awaitReady(client, START_TIMEOUT);
    long readyAt = System.nanoTime();
    double jobsSeen = 0;
    while (System.nanoTime() - readyAt < Duration.ofSeconds(15).toNanos() && jobsSeen == 0) {
      jobsSeen = jobsServed(newcomer);
      Thread.sleep(250);
    }
    long firstJobAfterMs = (System.nanoTime() - readyAt) / 1_000_000;
    Thread.sleep(3_000);
    clients.stop();

    clients.assertNoFailures();
    assertThat(beforeKill).as("batches before the kill").isPositive();
    assertThat(afterKill).as("batches served after the kill").isGreaterThan(beforeKill);
    assertThat(jobsSeen).as("jobs served by the new loader within 15 s of joining").isPositive();
    System.out.printf("cluster failover: %d batches ok, 0 failed; new loader served its first job %d ms after ready%n",
      clients.ok.get(), firstJobAfterMs);
  }

  /**
   * A loader told to stop (SIGTERM, as Kubernetes does) while its jobs take 300 ms each: it stops taking
   * jobs, finishes those it holds, and leaves; the other loader takes over and no client sees a failure.
   */
  @Test
  @Order(2)
  void aLoaderStoppedWithSigtermFinishesItsJobsAndLeaves() throws Exception {
    NodeProcess api = nodes.get(0);
    NodeProcess leaving = nodes.stream().filter(n -> n.name.startsWith("loader") && n.alive()).findFirst().orElseThrow();
    client.put(emulator.actualPort(), "127.0.0.1", "/_emulator/faults").sendJsonObject(new JsonObject().put("latencyMs", 300)).await();
    Clients clients = new Clients(api, 8);
    Thread.sleep(3_000);
    long sigterm = System.nanoTime();
    int exit = leaving.terminate(60);
    long exitedAfterMs = (System.nanoTime() - sigterm) / 1_000_000;
    long atExit = clients.ok.get();
    Thread.sleep(5_000);
    clients.stop();
    client.delete(emulator.actualPort(), "127.0.0.1", "/_emulator/faults").send().await();

    clients.assertNoFailures();
    assertThat(exit).as("exit code of the loader after SIGTERM").isIn(0, 143);
    assertThat(clients.ok.get()).as("batches served by the remaining loader after the other left").isGreaterThan(atExit);
    assertThat(Files.readString(leaving.log)).contains("Node stopped");
    System.out.printf("loader SIGTERM: %d batches ok, 0 failed; the loader drained and exited %d ms after SIGTERM%n",
      clients.ok.get(), exitedAfterMs);
  }

  /** Closed-loop clients with the study's request shape (10–20 random images), 50 ms think time. */
  private final class Clients {

    final AtomicLong ok = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Future<Void>> users = new ArrayList<>();
    private final NodeProcess api;

    Clients(NodeProcess api, int count) {
      this.api = api;
      for (int vu = 0; vu < count; vu++) {
        Promise<Void> done = Promise.promise();
        users.add(done.future());
        loop(done);
      }
    }

    void stop() {
      running.set(false);
      Future.all(users).await();
    }

    void assertNoFailures() {
      assertThat(failures.get()).as("client-visible failures, first: " + firstFailure.get()).isZero();
    }

    private void loop(Promise<Void> done) {
      if (!running.get()) {
        done.complete();
        return;
      }
      StringBuilder uri = new StringBuilder("/images?");
      int count = ThreadLocalRandom.current().nextInt(10, 21);
      for (int i = 0; i < count; i++) {
        uri.append(i == 0 ? "" : "&").append(String.format("file_names=image_%03d.jpg", 1 + ThreadLocalRandom.current().nextInt(100)));
      }
      client.get(api.httpPort, "127.0.0.1", uri.toString()).timeout(30_000).send().onComplete(ar -> {
        if (ar.succeeded() && ar.result().statusCode() == 200) {
          ok.incrementAndGet();
        } else {
          failures.incrementAndGet();
          firstFailure.compareAndSet(null, ar.succeeded() ? ar.result().statusCode() + " " + ar.result().bodyAsString() : ar.cause().toString());
        }
        vertx.setTimer(50, t -> loop(done));
      });
    }
  }

  private double jobsServed(NodeProcess node) {
    try {
      HttpResponse<Buffer> metrics = client.get(node.httpPort, "127.0.0.1", "/metrics").send().await();
      return metrics.bodyAsString().lines()
        .filter(line -> line.startsWith("imageloader_image_load_seconds_count{") && line.contains("outcome=\"ok\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
    } catch (Exception e) {
      return 0;
    }
  }

}
