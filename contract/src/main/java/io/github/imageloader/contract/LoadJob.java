package io.github.imageloader.contract;

import io.vertx.core.json.JsonObject;

import java.util.Objects;

/**
 * One unit of work for a loader: fetch one object (or one signed URL) before {@code deadlineEpochMs}.
 * Jobs are idempotent, so a job may be retried on another loader.
 *
 * @param kind            what to fetch
 * @param bucket          the bucket, for {@link Kind#OBJECT} and {@link Kind#PROBE}
 * @param target          the full object name for {@link Kind#OBJECT}, the URL for {@link Kind#URL}, the prefix for
 *                        {@link Kind#SAMPLE}
 * @param wantBytes       whether the reply must carry the object's bytes
 * @param deadlineEpochMs wall-clock time after which the caller no longer waits
 */
public record LoadJob(Kind kind, String bucket, String target, boolean wantBytes, long deadlineEpochMs) {

  public enum Kind {
    /** An object in a bucket, fetched with the configured storage transport. */
    OBJECT,
    /** A (signed) URL on an allow-listed host, fetched with the pooled HTTP client. */
    URL,
    /** A readiness probe: is storage reachable from this loader? */
    PROBE,
    /**
     * A few object names under the prefix in {@code target} (a node's warm-up loads them); answered with a
     * {@link io.vertx.core.json.JsonObject} {@code {"names": [...]}} of full object names.
     */
    SAMPLE
  }

  public LoadJob {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
  }

  public static LoadJob object(String bucket, String objectName, boolean wantBytes, long deadlineEpochMs) {
    return new LoadJob(Kind.OBJECT, bucket, objectName, wantBytes, deadlineEpochMs);
  }

  public static LoadJob url(String url, boolean wantBytes, long deadlineEpochMs) {
    return new LoadJob(Kind.URL, null, url, wantBytes, deadlineEpochMs);
  }

  public static LoadJob probe(String bucket, long deadlineEpochMs) {
    return new LoadJob(Kind.PROBE, bucket, bucket, false, deadlineEpochMs);
  }

  public static LoadJob sample(String bucket, String prefix, long deadlineEpochMs) {
    return new LoadJob(Kind.SAMPLE, bucket, prefix, false, deadlineEpochMs);
  }

  public long remainingMs() {
    return deadlineEpochMs - System.currentTimeMillis();
  }

  JsonObject toJson() {
    return new JsonObject()
      .put("kind", kind.name())
      .put("bucket", bucket)
      .put("target", target)
      .put("wantBytes", wantBytes)
      .put("deadline", deadlineEpochMs);
  }

  static LoadJob fromJson(JsonObject json) {
    return new LoadJob(Kind.valueOf(json.getString("kind")), json.getString("bucket"), json.getString("target"),
      json.getBoolean("wantBytes", false), json.getLong("deadline"));
  }
}
