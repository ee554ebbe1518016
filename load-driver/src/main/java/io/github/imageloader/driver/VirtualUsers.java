package io.github.imageloader.driver;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A closed loop of virtual users, as k6 runs them: each VU sends a request, waits for the answer, thinks,
 * and goes again. VU {@code i} is active while the schedule wants more than {@code i} VUs; an inactive VU
 * checks again shortly. A request in flight when the run ends is allowed to finish and is recorded.
 */
final class VirtualUsers {

  private static final long PARKED_POLL_MS = 100;

  private final Vertx vertx;
  private final ScenarioDefinition scenario;
  private final Requests requests;
  private final RunRecorder recorder;

  VirtualUsers(Vertx vertx, ScenarioDefinition scenario, Requests requests, RunRecorder recorder) {
    this.vertx = vertx;
    this.scenario = scenario;
    this.requests = requests;
    this.recorder = recorder;
  }

  Future<Void> run() {
    return run(0, () -> { });
  }

  /**
   * Runs {@code warmupMs} of unrecorded load first, at the first stage's VUs, then the scenario, recorded.
   * The VUs carry on across the boundary (no burst of simultaneous starts), and only requests sent after it count.
   *
   * @param measuring called once, as the recorded part begins
   */
  Future<Void> run(long warmupMs, Runnable measuring) {
    long warmupEndsAt = System.nanoTime() + warmupMs * 1_000_000;
    List<Future<Void>> users = new ArrayList<>();
    if (warmupMs > 0) {
      vertx.setTimer(warmupMs, t -> {
        recorder.restart();
        measuring.run();
      });
    } else {
      measuring.run();
    }
    for (int i = 0; i < scenario.maxVus(); i++) {
      Promise<Void> done = Promise.promise();
      users.add(done.future());
      iterate(i, done, warmupEndsAt);
    }
    return Future.all(users).mapEmpty();
  }

  /** Number of VUs currently active (for progress lines). */
  int activeVus() {
    return Math.min(scenario.maxVus(), scenario.targetAt(recorder.elapsedMs()));
  }

  private void iterate(int vu, Promise<Void> done, long warmupEndsAt) {
    boolean warmingUp = System.nanoTime() < warmupEndsAt;
    long elapsed = warmingUp ? 0 : recorder.elapsedMs();
    if (elapsed >= scenario.totalMs()) {
      done.complete();
      return;
    }
    if (vu >= scenario.targetAt(elapsed)) {
      vertx.setTimer(PARKED_POLL_MS, t -> iterate(vu, done, warmupEndsAt));
      return;
    }
    int stage = scenario.stageIndexAt(elapsed);
    long sent = System.nanoTime();
    requests.send(vu).onComplete(ar -> {
      if (!warmingUp) {
        recorder.record(stage, ar.succeeded() ? ar.result() : 0, System.nanoTime() - sent);
      }
      vertx.setTimer(thinkMs(), t -> iterate(vu, done, warmupEndsAt));
    });
  }

  private long thinkMs() {
    double seconds = scenario.thinkMinS() >= scenario.thinkMaxS()
      ? scenario.thinkMinS()
      : ThreadLocalRandom.current().nextDouble(scenario.thinkMinS(), scenario.thinkMaxS());
    return Math.max(1, Math.round(seconds * 1000));
  }
}
