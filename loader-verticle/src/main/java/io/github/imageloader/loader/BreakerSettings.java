package io.github.imageloader.loader;

/**
 * When a storage host's breaker opens and for how long.
 *
 * @param failureRatePercent the share of failed attempts, over the window, that opens it
 * @param windowAttempts     how many recent attempts the rate is taken over (it is judged once half are in)
 * @param openMs             how long it stays open before trial attempts are let through
 */
record BreakerSettings(float failureRatePercent, int windowAttempts, long openMs) {
}
