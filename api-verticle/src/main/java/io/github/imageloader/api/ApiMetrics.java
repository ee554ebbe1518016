package io.github.imageloader.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.micrometer.backends.BackendRegistries;

import java.util.concurrent.TimeUnit;

/** Per-batch latency and size, job re-sends and known loaders, next to the HTTP server and event-bus metrics Vert.x records itself. */
final class ApiMetrics {

  private final MeterRegistry registry;

  ApiMetrics() {
    MeterRegistry backend = BackendRegistries.getDefaultNow();
    this.registry = backend != null ? backend : new SimpleMeterRegistry();
  }

  /** A job sent again because its loader could not answer it; {@code reason}: left, silent, no_consumer, refused, lost, unreachable. */
  void jobResent(String reason) {
    Counter.builder("imageloader.jobs.resent").description("Jobs sent to another loader because theirs could not answer them")
      .tag("reason", reason).register(registry).increment();
  }

  /** The loaders this api routes jobs to, as its directory knows them. */
  void loadersKnown(LoaderDirectory directory) {
    Gauge.builder("imageloader.loaders.known", directory, LoaderDirectory::size)
      .description("Loaders this api knows from their announcements").register(registry);
  }

  MeterRegistry registry() {
    return registry;
  }

  void batchCompleted(String endpoint, int status, int images, long nanos) {
    Timer.builder("imageloader.batch")
      .description("Time to answer one batch request, from receipt to response")
      .tags("endpoint", endpoint, "status", Integer.toString(status))
      .publishPercentileHistogram()
      .register(registry)
      .record(nanos, TimeUnit.NANOSECONDS);
    DistributionSummary.builder("imageloader.batch.images")
      .description("Images asked for in one batch request")
      .tags("endpoint", endpoint)
      .register(registry)
      .record(images);
  }
}
