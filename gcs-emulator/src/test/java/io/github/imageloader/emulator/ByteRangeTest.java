package io.github.imageloader.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

  @Test
  void parsesClosedOpenAndSuffixRanges() {
    assertThat(ByteRange.parse("bytes=0-9", 100)).contains(new ByteRange(0, 9));
    assertThat(ByteRange.parse("bytes=90-", 100)).contains(new ByteRange(90, 99));
    assertThat(ByteRange.parse("bytes=90-500", 100)).contains(new ByteRange(90, 99));
    assertThat(ByteRange.parse("bytes=-10", 100)).contains(new ByteRange(90, 99));
  }

  @Test
  void ignoresAbsentMalformedAndMultiRanges() {
    assertThat(ByteRange.parse(null, 100)).isEmpty();
    assertThat(ByteRange.parse("items=0-1", 100)).isEmpty();
    assertThat(ByteRange.parse("bytes=5-1", 100)).isEmpty();
    assertThat(ByteRange.parse("bytes=0-1,5-6", 100)).isEmpty();
    assertThat(ByteRange.parse("bytes=0-", 0)).isEmpty();
  }

  @Test
  void startBeyondTheEndIsUnsatisfiable() {
    assertThatThrownBy(() -> ByteRange.parse("bytes=100-", 100))
        .isInstanceOf(GcsException.class)
        .satisfies(e -> assertThat(((GcsException) e).status()).isEqualTo(416));
  }
}
