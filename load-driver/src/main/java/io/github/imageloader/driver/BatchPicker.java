package io.github.imageloader.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks each iteration's batch: 30–50 (the scenario's range) names out of {@code image_001…image_NNN}. With a
 * seed, VU {@code i}'s n-th batch is the same in every run, so two runs (the service and the storage floor,
 * say) load exactly the same images; without one it is random, as k6 picks it.
 */
final class BatchPicker {

  private final ScenarioDefinition scenario;
  private final Long seed;
  private final List<SplittableRandom> perVu = new ArrayList<>();

  /** @param seed the seed of every VU's sequence of batches, or {@code null} for random batches */
  BatchPicker(ScenarioDefinition scenario, Long seed) {
    this.scenario = scenario;
    this.seed = seed;
  }

  /** The next batch's size for VU {@code vu}, and then that many indexes from 1 to the scenario's image count. */
  int[] next(int vu) {
    int count = nextInt(vu, scenario.batchMin(), scenario.batchMax() + 1);
    int[] images = new int[count];
    for (int i = 0; i < count; i++) {
      images[i] = 1 + nextInt(vu, 0, scenario.imageCount());
    }
    return images;
  }

  /** A random index in {@code [0, bound)} for VU {@code vu} (signed URLs are picked from a list). */
  int nextIndex(int vu, int bound) {
    return nextInt(vu, 0, bound);
  }

  static String imageName(int index) {
    return String.format("image_%03d.jpg", index);
  }

  private synchronized int nextInt(int vu, int from, int to) {
    if (seed == null) {
      return ThreadLocalRandom.current().nextInt(from, to);
    }
    while (perVu.size() <= vu) {
      perVu.add(new SplittableRandom(seed * 1_000_003L + perVu.size()));
    }
    return perVu.get(vu).nextInt(from, to);
  }
}
