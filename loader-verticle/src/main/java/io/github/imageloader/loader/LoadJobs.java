package io.github.imageloader.loader;

import io.github.imageloader.contract.Addresses;
import io.github.imageloader.contract.HeldBytes;
import io.github.imageloader.contract.LoadJob;
import io.github.imageloader.contract.LoadResult;
import io.github.imageloader.contract.SignedUrls;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Answers {@link LoadJob}s: an object from the bucket through the configured transport, a signed URL through
 * the SSRF-checked fetcher, or a readiness probe. Bytes are verified as they stream in and kept only when the
 * job wants them (counted against the node's {@link HeldBytes} until the reply hands them over).
 */
final class LoadJobs implements Handler<Message<LoadJob>> {

  /** Names a warm-up sample holds: enough for the largest study batch. */
  private static final int SAMPLE_SIZE = 50;

  private final StorageTransport transport;
  private final SignedUrlFetcher signedUrls;
  private final JobRunner runner;
  private final HeldBytes heldBytes;
  private final String storageHost;

  LoadJobs(StorageTransport transport, SignedUrlFetcher signedUrls, JobRunner runner, HeldBytes heldBytes,
           String storageHost) {
    this.transport = transport;
    this.signedUrls = signedUrls;
    this.runner = runner;
    this.heldBytes = heldBytes;
    this.storageHost = storageHost;
  }

  @Override
  public void handle(Message<LoadJob> message) {
    LoadJob job = JobRunner.jobOf(message, LoadJob.class, Addresses.IMAGES_LOAD);
    if (job == null) {
      return;
    }
    String label = label(job);
    HeldBytes keep = job.wantBytes() ? heldBytes : null;
    switch (job.kind()) {
      case OBJECT -> runner.run(message, "object", storageHost, label, "loading " + label, job.deadlineEpochMs(),
        n -> transport.fetch(job.bucket(), job.target(), keep, job.deadlineEpochMs()),
        (stored, attempts, ms) -> result(label, stored, attempts, ms));
      case URL -> runner.run(message, "url", StorageCircuitBreakers.hostOf(job.target()), label, "loading " + label,
        job.deadlineEpochMs(),
        n -> signedUrls.fetch(job.target(), keep, job.deadlineEpochMs()),
        (stored, attempts, ms) -> result(label, stored, attempts, ms));
      case PROBE -> runner.once(message, "probe", "bucket " + job.bucket(), job.deadlineEpochMs(),
        transport.probe(job.bucket(), job.deadlineEpochMs()),
        v -> new LoadResult(job.bucket(), 0, null, 0, 1, null));
      case SAMPLE -> runner.once(message, "sample", "bucket " + job.bucket(), job.deadlineEpochMs(),
        transport.sample(job.bucket(), job.target(), SAMPLE_SIZE, job.deadlineEpochMs()),
        names -> new JsonObject().put("names", new JsonArray(names)));
    }
  }

  private LoadResult result(String label, StoredObject stored, int attempts, long elapsedMs) {
    if (stored.data() != null) {
      // The reply carries the bytes away: from here on they are the receiver's to count (the api does).
      heldBytes.release(stored.size());
    }
    return new LoadResult(label, stored.size(), stored.crc32c(), elapsedMs, attempts, stored.data());
  }

  /** How a job is named in messages; a signed URL without the credentials in its query string. */
  private static String label(LoadJob job) {
    return job.kind() == LoadJob.Kind.URL ? SignedUrls.withoutQuery(job.target()) : job.target();
  }
}
