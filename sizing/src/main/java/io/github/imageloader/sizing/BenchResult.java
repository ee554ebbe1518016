package io.github.imageloader.sizing;

import io.vertx.core.json.JsonObject;

/**
 * One measured window of a benchmark: a variant of the node (or the storage floor) under the study's load.
 *
 * @param label              the variant, or {@code floor}
 * @param repeat             which walk through the variants (from 1)
 * @param requests           batches answered
 * @param failures           batches not answered 200
 * @param p50Ms              batch latency percentiles, as the load driver measured them
 * @param maxMs              the slowest batch of the window
 * @param images             images the node loaded in the window (its own counter; for the floor, those fetched)
 * @param seconds            the window's length
 * @param cpuMsPerImage      the node process's CPU time (every thread, user + system) per image
 * @param gcShare            the part of that CPU time spent by garbage-collector threads
 * @param jitShare           the part spent by the JIT compilers
 * @param peakRssMb          the node's peak resident memory over its whole life so far (VmHWM)
 * @param newConnectionsPerImage storage connections opened per image in the window
 * @param storageRequestsPerImage storage object requests per image loaded in the window
 * @param tlsHandshakesPerImage TLS handshakes storage completed per image in the window (each TLS connection is one)
 * @param storageConnectionsOpen storage connections open at the window's end (the node's pool, as storage sees it)
 */
record BenchResult(String label, int repeat, long requests, long failures, double p50Ms, double p95Ms, double p99Ms,
                   double maxMs, long images, double seconds, double cpuMsPerImage, double gcShare, double jitShare, double peakRssMb,
                   double newConnectionsPerImage, double storageRequestsPerImage, double tlsHandshakesPerImage,
                   long storageConnectionsOpen) {

  boolean isFloor() {
    return label.equals(BenchRunner.FLOOR);
  }

  double imagesPerSecond() {
    return seconds <= 0 ? 0 : images / seconds;
  }

  JsonObject toJson() {
    return new JsonObject()
      .put("label", label).put("repeat", repeat).put("requests", requests).put("failures", failures)
      .put("p50Ms", p50Ms).put("p95Ms", p95Ms).put("p99Ms", p99Ms).put("maxMs", maxMs).put("images", images).put("seconds", seconds)
      .put("imagesPerSecond", imagesPerSecond())
      .put("cpuMsPerImage", cpuMsPerImage).put("gcShare", gcShare).put("jitShare", jitShare).put("peakRssMb", peakRssMb)
      .put("newConnectionsPerImage", newConnectionsPerImage).put("storageRequestsPerImage", storageRequestsPerImage)
      .put("tlsHandshakesPerImage", tlsHandshakesPerImage).put("storageConnectionsOpen", storageConnectionsOpen);
  }
}
