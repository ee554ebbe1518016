package io.github.imageloader.contract;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limit.VegasLimit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import io.vertx.core.json.JsonObject;

import java.util.Locale;

import static io.github.imageloader.contract.ConfigValues.positive;
import static io.github.imageloader.contract.ConfigValues.string;

/**
 * An adaptive concurrency limit (Netflix concurrency-limits): it learns how much work in parallel keeps latency
 * near its no-load level, and everything past it is refused at once instead of queued. The api admits batches with
 * one ({@code ADMISSION_*}), each loader admits jobs with another ({@code LOADER_ADMISSION_*}). Thread-safe.
 *
 * @param prefix the configuration keys' prefix: {@code ADMISSION_} or {@code LOADER_ADMISSION_}
 */
public record AdaptiveLimit(String prefix, String algorithm, int initialLimit, int minLimit, int maxLimit,
                            double rttTolerance) {

  public AdaptiveLimit {
    if (!algorithm.equals("gradient2") && !algorithm.equals("vegas")) {
      throw new IllegalArgumentException(prefix + "ALGORITHM must be gradient2 or vegas, not " + algorithm);
    }
    if (minLimit > initialLimit || initialLimit > maxLimit) {
      throw new IllegalArgumentException(prefix + "MIN_LIMIT <= " + prefix + "INITIAL_LIMIT <= " + prefix
        + "MAX_LIMIT must hold, not " + minLimit + ", " + initialLimit + ", " + maxLimit);
    }
    if (!(rttTolerance >= 1)) {
      throw new IllegalArgumentException(prefix + "RTT_TOLERANCE must be 1 or more, not " + rttTolerance);
    }
  }

  public static AdaptiveLimit from(JsonObject config, String prefix, String algorithm, int initial, int min, int max,
                                   double tolerance) {
    double rttTolerance = ConfigValues.doubleValue(config, prefix + "RTT_TOLERANCE", tolerance);
    return new AdaptiveLimit(prefix, string(config, prefix + "ALGORITHM", algorithm).toLowerCase(Locale.ROOT),
      positive(config, prefix + "INITIAL_LIMIT", initial), positive(config, prefix + "MIN_LIMIT", min),
      positive(config, prefix + "MAX_LIMIT", max), rttTolerance);
  }

  private static final int VEGAS_PROBE_MULTIPLIER = 900;

  public SimpleLimiter<Void> limiter(String name) {
    return SimpleLimiter.newBuilder().named(name).limit(limit()).build();
  }

  private Limit limit() {
    if (algorithm.equals("vegas")) {
      // Vegas compares each sample with the smallest latency seen; its tolerance is a multiple of that minimum. It
      // forgets that minimum every probeMultiplier x limit samples (30 by default: seconds at a few hundred batches
      // a second), and after a slowdown that lasts it then takes the slow latency for the unloaded one and opens up
      // again. Probing 30 times less often keeps it shedding through a slowdown, and still adapts within minutes.
      return VegasLimit.newBuilder().initialLimit(initialLimit).maxConcurrency(maxLimit).tolerance(rttTolerance)
        .probeMultiplier(VEGAS_PROBE_MULTIPLIER).build();
    }
    // Gradient2 compares short-term with long-term latency; the tolerance is how far above the long-term average
    // latency may go before the limit shrinks. A small queue allowance lets it probe for more room.
    return Gradient2Limit.newBuilder().initialLimit(initialLimit).minLimit(minLimit).maxConcurrency(maxLimit)
      .rttTolerance(rttTolerance).build();
  }
}
