package io.github.imageloader.driver;

/**
 * One stage of a scenario: hold (or ramp to) {@code target} VUs for {@code durationMs}. A stage without a
 * name in the definitions is called by its target, as the k6 scripts tag it.
 */
record Stage(String name, long durationMs, int target) {

  String label() {
    return name != null ? name : Integer.toString(target);
  }
}
