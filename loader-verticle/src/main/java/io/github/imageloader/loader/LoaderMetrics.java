package io.github.imageloader.loader;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.micrometer.backends.BackendRegistries;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** The loader's own meters, next to the HTTP client and event-bus metrics Vert.x records itself. */
final class LoaderMetrics {

  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final MeterRegistry registry;
  private final String transport;
  /** Tells this loader instance's gauges from another's (several instances, or one redeployed). */
  private final String instance = Integer.toString(INSTANCES.incrementAndGet());
  private final List<Meter> gauges = new ArrayList<>();
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  LoaderMetrics(String transport) {
    this(transport, BackendRegistries.getDefaultNow() != null ? BackendRegistries.getDefaultNow() : new SimpleMeterRegistry());
  }

  LoaderMetrics(String transport, MeterRegistry registry) {
    this.registry = registry;
    this.transport = transport;
  }

  /** Per-job latency inside the loader, retries included, by kind and outcome. */
  void jobDone(String kind, String outcome, long nanos) {
    // Looked up once per kind and outcome: building and registering a meter on every image costs more than recording.
    timers.computeIfAbsent(kind + '/' + outcome, key -> Timer.builder("imageloader.image.load")
        .description("Time to load one image from storage, retries included")
        .tags("transport", transport, "kind", kind, "outcome", outcome)
        .publishPercentileHistogram()
        .register(registry))
      .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** A hedged read: {@code sent}, {@code won} (the hedge's copy came first) or {@code refused} by the budget. */
  void hedge(String result) {
    counter("imageloader.read.hedges", "Hedged storage reads: sent, won, refused by the hedge budget", "result", result)
      .increment();
  }

  void readResumed() {
    counter("imageloader.read.resumes", "Stalled storage reads resumed from where they stopped", null, null).increment();
  }

  /** The current hedge delay of a bucket (or signed-URL host), in milliseconds. */
  void hedgeDelay(String key, Supplier<Number> delayMs) {
    gauges.add(Gauge.builder("imageloader.read.hedge.delay.ms", delayMs)
      .description("Current hedge delay: a read whose first byte is later than this is hedged")
      .tags("transport", transport, "source", key, "loader", instance)
      .register(registry));
  }

  /** The loader's adaptive job limit and the jobs it holds (one pair per loader instance). */
  void jobLimit(Supplier<Number> limit, Supplier<Number> inFlight) {
    gauges.add(Gauge.builder("imageloader.loader.job.limit", limit)
      .description("Jobs this loader takes at once: its adaptive concurrency limit")
      .tags("transport", transport, "loader", instance).register(registry));
    gauges.add(Gauge.builder("imageloader.loader.jobs.inflight", inFlight)
      .description("Jobs this loader is working on")
      .tags("transport", transport, "loader", instance).register(registry));
  }

  void jobRefused() {
    counter("imageloader.loader.jobs.refused", "Jobs refused at once because the loader was at its limit", null, null)
      .increment();
  }

  void retried(String cause) {
    counter("imageloader.upstream.retries", "Storage requests retried, by cause", cause).increment();
  }

  void failed(String cause) {
    counter("imageloader.upstream.errors", "Storage failures that failed a job, by cause", cause).increment();
  }

  /** 0 closed, 1 open, 2 half-open. */
  void breakerState(String host, Supplier<Number> state) {
    gauges.add(Gauge.builder("imageloader.storage.breaker.state", state)
      .description("Storage circuit breaker state by host: 0 closed, 1 open, 2 half-open")
      .tags("transport", transport, "host", host, "loader", instance)
      .register(registry));
  }

  /** Drops this instance's gauges, which would otherwise report a stopped loader's state for good. */
  void close() {
    gauges.forEach(registry::remove);
    gauges.clear();
  }

  private Counter counter(String name, String description, String cause) {
    return counter(name, description, "cause", cause);
  }

  /** Looked up once per name and tag value, like the timers. */
  private Counter counter(String name, String description, String tag, String value) {
    return counters.computeIfAbsent(name + '/' + value, key -> {
      Counter.Builder builder = Counter.builder(name).description(description).tags("transport", transport);
      return (tag == null ? builder : builder.tags(tag, value)).register(registry);
    });
  }
}
