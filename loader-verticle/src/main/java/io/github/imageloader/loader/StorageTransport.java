package io.github.imageloader.loader;

import io.github.imageloader.contract.HeldBytes;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.util.List;
import java.util.Map;

/**
 * One way of reaching storage; made once at start-up and reused for the life of the loader.
 * Each call is a single attempt: retries belong to {@link RetryPolicy}.
 */
interface StorageTransport {

  /**
   * Fetches a whole object, verified against the checksum storage holds for it.
   *
   * @param keepBytes where to count the bytes when the caller wants them, or {@code null} to only verify them
   */
  Future<StoredObject> fetch(String bucket, String objectName, HeldBytes keepBytes, long deadlineEpochMs);

  /**
   * Creates a new object, only if none of that name exists ({@code ifGenerationMatch=0}), sending the
   * crc32c so that storage verifies the bytes it received. Fails with HTTP 412 when the name is taken.
   */
  Future<ObjectInfo> store(String bucket, String objectName, String contentType, Map<String, String> metadata,
                           Buffer data, String crc32c, long deadlineEpochMs);

  /** An object's size, crc32c and generation, from its metadata. */
  Future<ObjectInfo> stat(String bucket, String objectName, long deadlineEpochMs);

  /** Succeeds when the bucket's objects can be listed with this transport's credentials. */
  Future<Void> probe(String bucket, long deadlineEpochMs);

  /** Up to {@code max} names of objects under {@code prefix} (one page of a listing). */
  Future<List<String>> sample(String bucket, String prefix, int max, long deadlineEpochMs);

  /** Labels metrics and logs: {@code http} or {@code sdk}. */
  String name();

  Future<Void> close();
}
