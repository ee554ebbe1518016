package io.github.imageloader.api;

import io.github.imageloader.contract.Addresses;
import io.github.imageloader.contract.LoaderAnnouncement;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.function.LongSupplier;

/**
 * Sends jobs to loaders by load ({@link LoaderDirectory}), each as a {@link JobDelivery} that owns its re-sends.
 */
final class JobRouter {

  /** Where a kind of job goes: a loader's own address for it, or the shared one while no loader is known. */
  enum Route {
    LOAD(Addresses.IMAGES_LOAD) {
      @Override
      String address(LoaderAnnouncement loader) {
        return loader.loadAddress();
      }
    },
    STORE(Addresses.IMAGES_STORE) {
      @Override
      String address(LoaderAnnouncement loader) {
        return loader.storeAddress();
      }
    };

    private final String sharedAddress;

    Route(String sharedAddress) {
      this.sharedAddress = sharedAddress;
    }

    String sharedAddress() {
      return sharedAddress;
    }

    abstract String address(LoaderAnnouncement loader);
  }

  private final Vertx vertx;
  private final LoaderDirectory directory;
  private final ApiMetrics metrics;
  private final int maxSends;
  private final long refusalPauseMs;

  /**
   * @param maxSends       sends per job at most ({@code JOB_MAX_ATTEMPTS}): the first and the re-sends
   * @param refusalPauseMs how long a loader that refused a job (at its limit) gets no new one
   */
  JobRouter(Vertx vertx, LoaderDirectory directory, ApiMetrics metrics, int maxSends, long refusalPauseMs) {
    this.vertx = vertx;
    this.directory = directory;
    this.metrics = metrics;
    metrics.loadersKnown(directory);
    this.maxSends = Math.max(1, maxSends);
    this.refusalPauseMs = refusalPauseMs;
  }

  /**
   * @param remainingMs the time left before the batch deadline, which bounds every send
   * @param onResent    told when the job is sent again because its loader could not answer
   */
  <T> Future<T> send(Route route, Object job, LongSupplier remainingMs, Runnable onResent) {
    JobDelivery<T> delivery = new JobDelivery<>(this, route, job, remainingMs, onResent);
    delivery.send(null);
    return delivery.answer();
  }

  Vertx vertx() {
    return vertx;
  }

  LoaderDirectory directory() {
    return directory;
  }

  int maxSends() {
    return maxSends;
  }

  void resent(String reason) {
    metrics.jobResent(reason);
  }

  long refusalPauseMs() {
    return refusalPauseMs;
  }
}
