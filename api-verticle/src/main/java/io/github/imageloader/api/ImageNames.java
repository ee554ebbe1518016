package io.github.imageloader.api;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Validates a batch of image names as the caller sent them (relative to the configured prefix). Every
 * refusal names the offending entry, so a caller can fix a 40-name batch without guessing.
 */
final class ImageNames {

  /** GCS's limit on a whole object name, in UTF-8 bytes. */
  static final int MAX_OBJECT_NAME_BYTES = 1024;

  private ImageNames() {
  }

  static void validateBatchSize(int size, int maxBatchSize, String what) {
    if (size == 0) {
      throw ApiError.badRequest("empty_batch", "no " + what + " given: send at least one");
    }
    if (size > maxBatchSize) {
      throw ApiError.badRequest("batch_too_large",
        size + " " + what + " given; at most " + maxBatchSize + " are allowed in one batch");
    }
  }

  static void validate(List<String> names, String prefix, int maxBatchSize) {
    validateBatchSize(names.size(), maxBatchSize, "file names");
    for (int i = 0; i < names.size(); i++) {
      String problem = problem(names.get(i), prefix);
      if (problem != null) {
        throw ApiError.badRequest("invalid_name", "file name #" + (i + 1) + " " + problem);
      }
    }
  }

  private static String problem(String name, String prefix) {
    if (name == null || name.isEmpty()) {
      return "is empty";
    }
    if (name.startsWith("/")) {
      return quoted(name) + " starts with '/'";
    }
    if (name.contains("..")) {
      return quoted(name) + " contains '..'";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isISOControl(c)) {
        return "contains the control character U+" + String.format("%04X", (int) c);
      }
    }
    if (!StandardCharsets.UTF_8.newEncoder().canEncode(name)) {
      return "is not valid Unicode";
    }
    int bytes = (prefix + name).getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_OBJECT_NAME_BYTES) {
      return "makes an object name of " + bytes + " bytes; storage allows " + MAX_OBJECT_NAME_BYTES;
    }
    return null;
  }

  private static String quoted(String name) {
    return "'" + (name.length() > 80 ? name.substring(0, 80) + "…" : name) + "'";
  }
}
