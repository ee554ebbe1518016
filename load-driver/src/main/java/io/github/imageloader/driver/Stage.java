package io.github.imageloader.driver;

/** One stage of a scenario: hold (or ramp to) {@code target} VUs for {@code durationMs}. */
record Stage(String name, long durationMs, int target) {
}
