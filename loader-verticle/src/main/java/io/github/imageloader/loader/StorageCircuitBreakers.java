package io.github.imageloader.loader;

import io.github.imageloader.contract.LoadFailure;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One circuit breaker per storage host. While most recent attempts against a host fail as if it were
 * down (connection errors, timeouts, 5xx), the breaker opens and every attempt for that host fails at
 * once with {@link LoadFailure#STORAGE_UNAVAILABLE} instead of waiting out its retries; after the open
 * period a few trial attempts decide whether it closes again.
 *
 * <p>It trips on a failure <em>rate</em> over a window of attempts, not on a count, so that a steady few
 * percent of transient errors (which retries absorb) never opens it however high the traffic.
 */
final class StorageCircuitBreakers {

  private static final Logger LOG = LoggerFactory.getLogger(StorageCircuitBreakers.class);
  private static final int TRIAL_ATTEMPTS = 5;

  private final CircuitBreakerRegistry registry;
  private final LoaderMetrics metrics;

  StorageCircuitBreakers(BreakerSettings settings, LoaderMetrics metrics) {
    this.metrics = metrics;
    this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
      .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
      .slidingWindowSize(settings.windowAttempts())
      .minimumNumberOfCalls(Math.max(1, settings.windowAttempts() / 2))
      .failureRateThreshold(settings.failureRatePercent())
      .waitDurationInOpenState(Duration.ofMillis(settings.openMs()))
      .permittedNumberOfCallsInHalfOpenState(TRIAL_ATTEMPTS)
      .build());
    registry.getEventPublisher().onEntryAdded(added -> watch(added.getAddedEntry()));
  }

  /** Runs one storage attempt against {@code host} through its breaker, or fails at once when it is open. */
  <T> Future<T> attempt(String host, Supplier<Future<T>> attempt) {
    CircuitBreaker breaker = registry.circuitBreaker(host);
    if (!breaker.tryAcquirePermission()) {
      return Future.failedFuture(new UpstreamException(LoadFailure.STORAGE_UNAVAILABLE, "circuit_open", false,
        "storage is unavailable: most recent requests to it failed, so requests are refused for a few seconds"));
    }
    long started = System.nanoTime();
    Future<T> outcome;
    try {
      outcome = attempt.get();
    } catch (RuntimeException e) {
      outcome = Future.failedFuture(e);
    }
    return outcome.andThen(ar -> {
      long elapsed = System.nanoTime() - started;
      if (ar.failed() && meansStorageDown(ar.cause())) {
        breaker.onError(elapsed, TimeUnit.NANOSECONDS, ar.cause());
      } else {
        // A 404 or a refused signature is storage answering: it is up.
        breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
      }
    });
  }

  /** The breaker key for a storage endpoint or URL: {@code host:port}. */
  static String hostOf(String url) {
    try {
      URI uri = new URI(url);
      int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
      return (uri.getHost() == null ? "unknown" : uri.getHost().toLowerCase(Locale.ROOT)) + ":" + port;
    } catch (URISyntaxException e) {
      return "unknown";
    }
  }

  /** Connection failures, timeouts and 5xx; not 408/429 throttling or a bad checksum, which say nothing of availability. */
  private static boolean meansStorageDown(Throwable error) {
    if (!(error instanceof UpstreamException upstream)) {
      return true;
    }
    String cause = upstream.causeLabel();
    return cause.equals("connection") || cause.equals("timeout") || cause.startsWith("http_5");
  }

  private void watch(CircuitBreaker breaker) {
    metrics.breakerState(breaker.getName(), () -> switch (breaker.getState()) {
      case CLOSED, DISABLED, METRICS_ONLY -> 0;
      case OPEN, FORCED_OPEN -> 1;
      case HALF_OPEN -> 2;
    });
    breaker.getEventPublisher().onStateTransition(event ->
      LOG.warn("Storage circuit breaker for {}: {}", breaker.getName(), event.getStateTransition()));
  }
}
