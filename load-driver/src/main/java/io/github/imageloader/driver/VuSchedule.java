package io.github.imageloader.driver;

import java.util.ArrayList;
import java.util.List;

/**
 * When each VU runs, as k6 runs the same definition ({@code k6/lib/options.js}): one ramping-vus scenario whose
 * VUs persist from stage to stage. Ramped stages ({@code rampUp}) go linearly from the previous target; held
 * stages start from {@code initialVus}, a stage above the current level ramps up over {@code staggerS} within its
 * own duration, one below drops at once. Within a ramp from a to b over D, k6 starts VU u (a &lt; u ≤ b) at
 * D·(u−a)/(b−a) and stops VU u (b &lt; u ≤ a) at D·(a−u+1)/(a−b); a stopped VU finishes its iteration first, as
 * {@link VirtualUsers} does.
 */
final class VuSchedule {

  /** VU {@code vu} (0-based) runs iterations from {@code startMs} until {@code endMs} into the run. */
  record Interval(int vu, long startMs, long endMs) {
  }

  private final List<List<Interval>> byVu;
  private final long totalMs;

  private VuSchedule(List<List<Interval>> byVu, long totalMs) {
    this.byVu = byVu;
    this.totalMs = totalMs;
  }

  static VuSchedule of(ScenarioDefinition scenario) {
    return of(scenario, 0);
  }

  /** {@code initialVus}: VUs of a held scenario already running at 0 (they kept going from an unrecorded warm-up). */
  static VuSchedule of(ScenarioDefinition scenario, int initialVus) {
    int max = scenario.maxVus();
    long[] startedAt = new long[max];
    List<List<Interval>> byVu = new ArrayList<>();
    for (int i = 0; i < max; i++) {
      byVu.add(new ArrayList<>());
    }
    List<Stage> stages = scenario.stages();
    int level = scenario.rampUp() ? stages.get(0).target() : Math.min(initialVus, max);
    for (int u = 1; u <= level; u++) {
      startedAt[u - 1] = 0;
    }
    long at = 0;
    for (Stage stage : stages) {
      long ramp = scenario.rampUp() ? stage.durationMs()
        : stage.target() > level ? Math.min(scenario.staggerMs(), stage.durationMs()) : 0;
      int from = level;
      int to = stage.target();
      if (to > from) {
        for (int u = from + 1; u <= to; u++) {
          startedAt[u - 1] = at + Math.floorDiv(ramp * (u - from), to - from);
        }
      } else if (to < from) {
        for (int u = from; u > to; u--) {
          long stop = at + Math.floorDiv(ramp * (from - u + 1), from - to);
          byVu.get(u - 1).add(new Interval(u - 1, startedAt[u - 1], stop));
        }
      }
      level = to;
      at += stage.durationMs();
    }
    for (int u = 1; u <= level; u++) {
      byVu.get(u - 1).add(new Interval(u - 1, startedAt[u - 1], at));
    }
    return new VuSchedule(byVu.stream().map(List::copyOf).toList(), at);
  }

  int vus() {
    return byVu.size();
  }

  List<Interval> of(int vu) {
    return byVu.get(vu);
  }

  /** Every interval, ordered by start (then VU): the schedule's starts, for comparing with k6's. */
  List<Interval> all() {
    return byVu.stream().flatMap(List::stream)
      .sorted(java.util.Comparator.comparingLong(Interval::startMs).thenComparingInt(Interval::vu)).toList();
  }

  /** VUs running {@code elapsedMs} into the run. */
  int activeAt(long elapsedMs) {
    return (int) byVu.stream().flatMap(List::stream).filter(i -> i.startMs() <= elapsedMs && elapsedMs < i.endMs()).count();
  }

  long totalMs() {
    return totalMs;
  }
}
