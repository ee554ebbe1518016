package io.github.imageloader.sizing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Once a second, what docker stats would show for the units, summed: CPU % (CPU time used over the past
 * second, from the unit's cgroup or podman stats; 100 % = one vCPU), memory (usage less inactive file cache), plus JVM heap used and cumulative
 * GC pauses from each unit's {@code /metrics} ({@code jvm_memory_used_bytes{area="heap"}},
 * {@code jvm_gc_pause_seconds_sum/_count}). It also keeps the service's own batch-latency histogram
 * ({@code imageloader_batch_seconds}) so the console can show live server-side TPS and p95.
 */
final class ResourceSampler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ResourceSampler.class);

  record Unit(Confinement confinement, String metricsUrl) {
  }

  /** The service's batch histogram at one instant, summed over the units. */
  record BatchSnapshot(long epochMs, TreeMap<Double, Double> buckets, double sumSeconds) {

    double count() {
      return buckets.isEmpty() ? 0 : buckets.lastEntry().getValue();
    }
  }

  private final List<Unit> units;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "resource-sampler");
    thread.setDaemon(true);
    return thread;
  });
  private final List<Sample> samples = new ArrayList<>();
  private final List<BatchSnapshot> batches = new ArrayList<>();
  private long[] lastCpuMicros;
  private long lastNanos;
  private long[] lastThrottling;
  private long[] lastHostTicks;

  ResourceSampler(List<Unit> units) {
    this.units = List.copyOf(units);
  }

  void start() {
    timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
  }

  synchronized List<Sample> samples() {
    return List.copyOf(samples);
  }

  synchronized Sample latest() {
    return samples.isEmpty() ? null : samples.get(samples.size() - 1);
  }

  /** The latest batch snapshot (null before the first scrape). */
  synchronized BatchSnapshot latestBatches() {
    return batches.isEmpty() ? null : batches.get(batches.size() - 1);
  }

  /** The latest batch snapshot and the one about {@code secondsAgo} before it (null until there are two). */
  synchronized BatchSnapshot[] batchWindow(int secondsAgo) {
    if (batches.size() < 2) {
      return null;
    }
    BatchSnapshot last = batches.get(batches.size() - 1);
    BatchSnapshot first = batches.get(Math.max(0, batches.size() - 1 - secondsAgo));
    return new BatchSnapshot[] {first, last};
  }

  private void sample() {
    try {
      long now = System.nanoTime();
      long[] cpu = new long[units.size()];
      long[] throttling = new long[2];
      long[] hostTicks = HostCpu.ticks();
      double memory = 0;
      double heap = 0;
      double gcSeconds = 0;
      long gcCount = 0;
      double batchSeconds = 0;
      TreeMap<Double, Double> buckets = new TreeMap<>();
      boolean scraped = true;
      boolean throttlingKnown = true;
      for (int i = 0; i < units.size(); i++) {
        Unit unit = units.get(i);
        cpu[i] = unit.confinement().cpuUsageMicros();
        long[] unitThrottling = unit.confinement().throttling();
        if (unitThrottling == null) {
          throttlingKnown = false;
        } else {
          throttling[0] += unitThrottling[0];
          throttling[1] += unitThrottling[1];
        }
        memory += unit.confinement().memoryBytes();
        PrometheusText metrics = scrape(unit.metricsUrl());
        if (metrics != null) {
          heap += metrics.sum("jvm_memory_used_bytes", "area=\"heap\"");
          gcSeconds += metrics.sum("jvm_gc_pause_seconds_sum", "");
          gcCount += (long) metrics.sum("jvm_gc_pause_seconds_count", "");
          batchSeconds += metrics.sum("imageloader_batch_seconds_sum", "");
          metrics.buckets("imageloader_batch_seconds").forEach((le, count) -> buckets.merge(le, count, Double::sum));
        } else {
          scraped = false;
        }
      }
      synchronized (this) {
        long epochMs = System.currentTimeMillis();
        if (lastCpuMicros != null) {
          double usedMicros = 0;
          for (int i = 0; i < cpu.length; i++) {
            usedMicros += cpu[i] - lastCpuMicros[i];
          }
          double percent = usedMicros / ((now - lastNanos) / 1000.0) * 100;
          Sample previous = latest();
          if (!scraped) {
            // a unit too busy to answer /metrics within the second: no heap figure, GC totals carried over
            heap = Double.NaN;
            gcSeconds = previous == null ? 0 : previous.gcPauseSeconds();
            gcCount = previous == null ? 0 : previous.gcPauses();
          }
          long periods = throttling[0] - lastThrottling[0];
          double throttled = !throttlingKnown ? Double.NaN : periods <= 0 ? 0 : 100.0 * (throttling[1] - lastThrottling[1]) / periods;
          samples.add(new Sample(epochMs, percent, memory / 1048576.0, heap / 1048576.0, gcSeconds, gcCount, throttled,
            HostCpu.percent(lastHostTicks, hostTicks)));
        }
        if (scraped) {
          batches.add(new BatchSnapshot(epochMs, buckets, batchSeconds));
        }
        lastCpuMicros = cpu;
        lastNanos = now;
        lastThrottling = throttling;
        lastHostTicks = hostTicks;
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("sample skipped: {}", e.toString());
    }
  }

  private PrometheusText scrape(String url) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMillis(900)).build(),
        HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? new PrometheusText(response.body()) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
