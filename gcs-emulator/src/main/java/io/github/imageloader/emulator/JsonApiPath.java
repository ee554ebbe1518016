package io.github.imageloader.emulator;

/**
 * The resource addressed by a JSON API path below {@code /storage/v1/} (also used below the
 * {@code /download} and {@code /upload} prefixes). Works on the raw path so an object name's
 * {@code %2F} is decoded exactly once, into a '/' inside the name.
 */
record JsonApiPath(Kind kind, String bucket, String object) {

  enum Kind {
    BUCKETS,
    BUCKET,
    OBJECTS,
    OBJECT,
    UNKNOWN
  }

  private static final JsonApiPath UNKNOWN = new JsonApiPath(Kind.UNKNOWN, null, null);

  /**
   * @param rawRest the still-encoded path after the API root, e.g. {@code b/my-bucket/o/a%2Fb.jpg}
   */
  static JsonApiPath parse(String rawRest) {
    if (rawRest.equals("b") || rawRest.equals("b/")) {
      return new JsonApiPath(Kind.BUCKETS, null, null);
    }
    if (!rawRest.startsWith("b/")) {
      return UNKNOWN;
    }
    String afterB = rawRest.substring(2);
    int slash = afterB.indexOf('/');
    String bucket = PercentCodec.decode(slash < 0 ? afterB : afterB.substring(0, slash));
    String remaining = slash < 0 ? "" : afterB.substring(slash + 1);
    if (bucket.isEmpty()) {
      return UNKNOWN;
    }
    if (remaining.isEmpty()) {
      return new JsonApiPath(Kind.BUCKET, bucket, null);
    }
    if (remaining.equals("o") || remaining.equals("o/")) {
      return new JsonApiPath(Kind.OBJECTS, bucket, null);
    }
    if (remaining.startsWith("o/")) {
      return new JsonApiPath(Kind.OBJECT, bucket, PercentCodec.decode(remaining.substring(2)));
    }
    return UNKNOWN;
  }

  ObjectPath objectPath() {
    return new ObjectPath(bucket, object);
  }
}
