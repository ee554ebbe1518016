package io.github.imageloader.loader;

import io.github.imageloader.contract.Addresses;
import io.github.imageloader.contract.LoadFailure;
import io.github.imageloader.contract.StoreJob;
import io.github.imageloader.contract.StoreResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;

/**
 * Answers {@link StoreJob}s: stores one upload create-only with its crc32c, so storage refuses damaged bytes
 * and a name taken by another upload; a retried job that finds its own earlier attempt's object succeeds.
 */
final class StoreJobs implements Handler<Message<StoreJob>> {

  private final StorageTransport transport;
  private final JobRunner runner;
  private final String storageHost;

  StoreJobs(StorageTransport transport, JobRunner runner, String storageHost) {
    this.transport = transport;
    this.runner = runner;
    this.storageHost = storageHost;
  }

  @Override
  public void handle(Message<StoreJob> message) {
    StoreJob job = JobRunner.jobOf(message, StoreJob.class, Addresses.IMAGES_STORE);
    if (job == null) {
      return;
    }
    String what = "gs://" + job.bucket() + "/" + job.objectName();
    String crc32c = Crc32c.of(job.data());
    runner.run(message, "store", storageHost, what, "storing " + what, job.deadlineEpochMs(),
      n -> transport.store(job.bucket(), job.objectName(), job.contentType(), job.metadata(), job.data(), crc32c,
          job.deadlineEpochMs())
        .recover(error -> alreadyStored(job, crc32c, UpstreamException.classify(error, what)))
        .compose(info -> matches(info, job, crc32c)
          ? Future.succeededFuture(info)
          : Future.failedFuture(UpstreamException.checksumMismatch(what, info.crc32c(), crc32c))),
      (info, attempts, ms) -> new StoreResult(job.objectName(), info.size(), info.crc32c(), info.generation(), ms, attempts));
  }

  /**
   * A create-only upload refused with 412: the name exists. Names are unique per upload, so that is an earlier
   * attempt of this very job that succeeded although its answer was lost; storage's crc32c and size tell.
   */
  private Future<ObjectInfo> alreadyStored(StoreJob job, String crc32c, UpstreamException failure) {
    if (!failure.causeLabel().equals("http_412")) {
      return Future.failedFuture(failure);
    }
    return transport.stat(job.bucket(), job.objectName(), job.deadlineEpochMs())
      .compose(info -> matches(info, job, crc32c)
        ? Future.succeededFuture(info)
        : Future.failedFuture(new UpstreamException(LoadFailure.UPSTREAM_ERROR, "http_412", false,
          "gs://" + job.bucket() + "/" + job.objectName() + " already exists with other content")));
  }

  private static boolean matches(ObjectInfo info, StoreJob job, String crc32c) {
    return crc32c.equals(info.crc32c()) && info.size() == job.data().length();
  }
}
