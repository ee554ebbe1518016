package io.github.imageloader.driver;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A closed loop of virtual users, as k6 runs them: each VU sends a request, waits for the answer, thinks,
 * and goes again. Each VU starts and stops when {@link VuSchedule} says, which is when k6 starts and stops its
 * VUs for the same definition; a VU past its stop finishes its iteration first. A request in flight when the run
 * ends is allowed to finish and is recorded.
 */
final class VirtualUsers {

  private final Vertx vertx;
  private final ScenarioDefinition scenario;
  private final Requests requests;
  private final RunRecorder recorder;
  private long startedNanos;
  private long warmupMs;
  private List<List<VuSchedule.Interval>> intervals = List.of();

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
   * Runs {@code warmupMs} of unrecorded load first, at the first stage's VUs (started as a held stage's are),
   * then the scenario, recorded. The VUs carry on across the boundary (no burst of simultaneous starts), and
   * only requests sent after it count.
   *
   * @param measuring called once, as the recorded part begins
   */
  Future<Void> run(long warmupMs, Runnable measuring) {
    this.warmupMs = warmupMs;
    this.intervals = intervals(scenario, warmupMs);
    this.startedNanos = System.nanoTime();
    if (warmupMs > 0) {
      vertx.setTimer(warmupMs, t -> {
        recorder.restart();
        measuring.run();
      });
    } else {
      measuring.run();
    }
    List<Future<Void>> users = new ArrayList<>();
    for (List<VuSchedule.Interval> vu : intervals) {
      Promise<Void> done = Promise.promise();
      users.add(done.future());
      next(vu, 0, done);
    }
    return Future.all(users).mapEmpty();
  }

  /** Each VU's intervals on one clock: the warm-up's (a held stage at the first target), then the scenario's. */
  static List<List<VuSchedule.Interval>> intervals(ScenarioDefinition scenario, long warmupMs) {
    VuSchedule recorded = VuSchedule.of(scenario, warmupMs > 0 ? scenario.stages().get(0).target() : 0);
    List<List<VuSchedule.Interval>> byVu = new ArrayList<>();
    VuSchedule warmup = null;
    if (warmupMs > 0) {
      Stage first = scenario.stages().get(0);
      warmup = VuSchedule.of(new ScenarioDefinition(scenario.name(), scenario.request(), List.of(new Stage("warm-up", warmupMs, first.target())),
        false, scenario.staggerMs(), scenario.thinkMinS(), scenario.thinkMaxS(), scenario.batchMin(), scenario.batchMax(),
        scenario.imageCount(), scenario.thresholds()));
    }
    for (int vu = 0; vu < recorded.vus(); vu++) {
      List<VuSchedule.Interval> list = new ArrayList<>();
      if (warmup != null && vu < warmup.vus()) {
        list.addAll(warmup.of(vu));
      }
      for (VuSchedule.Interval interval : recorded.of(vu)) {
        VuSchedule.Interval shifted = new VuSchedule.Interval(vu, interval.startMs() + warmupMs, interval.endMs() + warmupMs);
        VuSchedule.Interval last = list.isEmpty() ? null : list.get(list.size() - 1);
        if (last != null && last.endMs() == shifted.startMs()) {
          list.set(list.size() - 1, new VuSchedule.Interval(vu, last.startMs(), shifted.endMs()));
        } else {
          list.add(shifted);
        }
      }
      byVu.add(List.copyOf(list));
    }
    return List.copyOf(byVu);
  }

  /** Number of VUs currently active (for progress lines). */
  int activeVus() {
    long now = clockMs();
    return (int) intervals.stream().flatMap(List::stream).filter(i -> i.startMs() <= now && now < i.endMs()).count();
  }

  private long clockMs() {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }

  /** Waits for the VU's interval {@code index} to begin, then iterates in it. */
  private void next(List<VuSchedule.Interval> vuIntervals, int index, Promise<Void> done) {
    if (index >= vuIntervals.size()) {
      done.complete();
      return;
    }
    long delay = vuIntervals.get(index).startMs() - clockMs();
    if (delay > 0) {
      vertx.setTimer(delay, t -> iterate(vuIntervals, index, done));
    } else {
      iterate(vuIntervals, index, done);
    }
  }

  private void iterate(List<VuSchedule.Interval> vuIntervals, int index, Promise<Void> done) {
    VuSchedule.Interval interval = vuIntervals.get(index);
    long now = clockMs();
    if (now >= interval.endMs()) {
      next(vuIntervals, index + 1, done);
      return;
    }
    boolean recorded = now >= warmupMs;
    int stage = scenario.stageIndexAt(now - warmupMs);
    long sent = System.nanoTime();
    requests.send(interval.vu()).onComplete(ar -> {
      if (recorded) {
        recorder.record(stage, ar.succeeded() ? ar.result() : 0, System.nanoTime() - sent);
      }
      vertx.setTimer(thinkMs(), t -> iterate(vuIntervals, index, done));
    });
  }

  private long thinkMs() {
    double seconds = scenario.thinkMinS() >= scenario.thinkMaxS()
      ? scenario.thinkMinS()
      : ThreadLocalRandom.current().nextDouble(scenario.thinkMinS(), scenario.thinkMaxS());
    return Math.max(1, Math.round(seconds * 1000));
  }
}
