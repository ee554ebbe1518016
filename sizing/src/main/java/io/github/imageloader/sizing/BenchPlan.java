package io.github.imageloader.sizing;

import java.nio.file.Path;
import java.util.List;

/**
 * What a benchmark runs: each variant of the node in turn (a fresh node each, against one emulator process),
 * then the storage floor, {@code repeats} times over, with the same load and the same batches.
 *
 * @param vus       closed-loop virtual users (the study's 30)
 * @param warmupS   unmeasured load on each fresh node before its window
 * @param measureS  the measured window, for each variant and for the floor
 * @param seed      the load driver's seed: every window loads the same batches
 * @param tail      the emulator's read tail and stalls, the same for every window
 */
record BenchPlan(List<BenchVariant> variants, int vus, int warmupS, int measureS, int repeats, int latencyMs,
                 int jitterMs, String think, String batch, long seed, Path out, StorageTail tail) {
}
