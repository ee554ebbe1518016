package io.github.imageloader.emulator;

import io.vertx.core.MultiMap;

/**
 * {@code ifGenerationMatch} / {@code ifGenerationNotMatch} query parameters. Generation 0 means
 * "the object does not exist", which is how clients ask for create-only writes.
 */
record GenerationPreconditions(Long ifGenerationMatch, Long ifGenerationNotMatch) {

  static final GenerationPreconditions NONE = new GenerationPreconditions(null, null);

  static GenerationPreconditions fromQuery(MultiMap query) {
    return new GenerationPreconditions(
        parse(query, "ifGenerationMatch"), parse(query, "ifGenerationNotMatch"));
  }

  /**
   * @param currentGeneration generation of the existing object, 0 if there is none
   */
  void check(long currentGeneration) {
    if (ifGenerationMatch != null && ifGenerationMatch != currentGeneration) {
      throw GcsException.preconditionFailed(
          "At least one of the pre-conditions you specified did not hold. (ifGenerationMatch="
              + ifGenerationMatch + ")");
    }
    if (ifGenerationNotMatch != null && ifGenerationNotMatch == currentGeneration) {
      throw GcsException.preconditionFailed(
          "At least one of the pre-conditions you specified did not hold. (ifGenerationNotMatch="
              + ifGenerationNotMatch + ")");
    }
  }

  private static Long parse(MultiMap query, String key) {
    String value = query.get(key);
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw GcsException.badRequest("Invalid " + key + ": " + value);
    }
  }
}
