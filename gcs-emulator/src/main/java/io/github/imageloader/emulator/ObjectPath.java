package io.github.imageloader.emulator;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A validated (bucket, object name) pair. Validation guarantees the name maps to a file strictly
 * inside {@code dataDir/bucket}: names with {@code .}/{@code ..} or empty segments are rejected,
 * because the filesystem would silently normalise them into a different (or escaping) path.
 */
public record ObjectPath(String bucket, String name) {

  private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,221}");

  public ObjectPath {
    validateBucket(bucket);
    validateName(name);
  }

  public static void validateBucket(String bucket) {
    if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
      throw GcsException.badRequest("Invalid bucket name: '" + bucket + "'");
    }
  }

  private static void validateName(String name) {
    if (name == null || name.isEmpty()) {
      throw GcsException.badRequest("Object name must not be empty");
    }
    if (name.length() > 1024) {
      throw GcsException.badRequest("Object name too long");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\0' || c == '\r' || c == '\n' || c == '\\') {
        throw GcsException.badRequest("Invalid character in object name");
      }
    }
    for (String segment : name.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw GcsException.badRequest("Invalid object name (empty, '.' or '..' segment): " + name);
      }
    }
  }

  /** The file holding this object; never outside {@code dataDir/bucket}. */
  public Path resolveIn(Path dataDir) {
    Path bucketDir = dataDir.resolve(bucket);
    Path file = bucketDir.resolve(name).normalize();
    if (!file.startsWith(bucketDir) || file.equals(bucketDir)) {
      throw GcsException.badRequest("Object path escapes the bucket: " + name);
    }
    return file;
  }

  @Override
  public String toString() {
    return bucket + "/" + name;
  }
}
