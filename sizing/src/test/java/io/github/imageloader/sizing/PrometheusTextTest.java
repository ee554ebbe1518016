package io.github.imageloader.sizing;

import org.junit.jupiter.api.Test;

import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PrometheusTextTest {

  private static final String TEXT = """
    # HELP jvm_memory_used_bytes The amount of used memory
    jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 2.097152E7
    jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 8.9153024E7
    jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 2.9260728E7
    jvm_gc_pause_seconds_count{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} 6
    jvm_gc_pause_seconds_sum{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} 0.051
    jvm_gc_pause_seconds_count{action="end of minor GC",cause="GCLocker Initiated GC",gc="G1 Young Generation"} 4
    jvm_gc_pause_seconds_sum{action="end of minor GC",cause="GCLocker Initiated GC",gc="G1 Young Generation"} 0.025
    jvm_gc_pause_seconds_max{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} 0.013
    imageloader_batch_seconds_bucket{endpoint="images",status="200",le="0.1"} 5
    imageloader_batch_seconds_bucket{endpoint="images",status="200",le="1.0"} 9
    imageloader_batch_seconds_bucket{endpoint="images",status="200",le="+Inf"} 10
    imageloader_batch_seconds_bucket{endpoint="images",status="504",le="0.1"} 0
    imageloader_batch_seconds_bucket{endpoint="images",status="504",le="1.0"} 0
    imageloader_batch_seconds_bucket{endpoint="images",status="504",le="+Inf"} 10
    """;

  @Test
  void sumsHeapAndGcSeriesAsTheSamplerReadsThem() {
    PrometheusText metrics = new PrometheusText(TEXT);
    assertThat(metrics.sum("jvm_memory_used_bytes", "area=\"heap\"")).isCloseTo(2.097152E7 + 8.9153024E7, within(1e-3));
    assertThat(metrics.sum("jvm_gc_pause_seconds_sum", "")).isCloseTo(0.076, within(1e-12));
    assertThat(metrics.sum("jvm_gc_pause_seconds_count", "")).isEqualTo(10);
  }

  @Test
  void quantileOfWhatWasRecordedBetweenTwoScrapes() {
    TreeMap<Double, Double> after = new PrometheusText(TEXT).buckets("imageloader_batch_seconds");
    assertThat(after).containsEntry(0.1, 5.0).containsEntry(1.0, 9.0).containsEntry(Double.POSITIVE_INFINITY, 20.0);
    TreeMap<Double, Double> before = new TreeMap<>();
    before.put(0.1, 4.0);
    before.put(1.0, 4.0);
    before.put(Double.POSITIVE_INFINITY, 4.0);
    // between the scrapes: 1 ≤ 0.1 s, 5 more ≤ 1 s, 10 more above: 16 in all
    assertThat(PrometheusText.quantileBetween(before, after, 0.05)).isEqualTo(0.1);
    assertThat(PrometheusText.quantileBetween(before, after, 0.3)).isEqualTo(1.0);
    assertThat(PrometheusText.quantileBetween(before, after, 0.95)).isInfinite();
    assertThat(PrometheusText.quantileBetween(after, after, 0.95)).isNaN();
  }
}
