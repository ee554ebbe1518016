package io.github.imageloader.loader;

import io.vertx.core.Future;

/**
 * One way of reaching storage; made once at start-up and reused for the life of the loader.
 * Each call is a single attempt: retries belong to {@link RetryPolicy}.
 */
interface StorageTransport {

  /** Fetches a whole object, verified against the checksum storage holds for it. */
  Future<StoredObject> fetch(String bucket, String objectName, long deadlineEpochMs);

  /** Succeeds when the bucket's objects can be listed with this transport's credentials. */
  Future<Void> probe(String bucket, long deadlineEpochMs);

  /** Labels metrics and logs: {@code http} or {@code sdk}. */
  String name();

  Future<Void> close();
}
