package io.github.imageloader.contract;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodecsTest {

  @Test
  void jobSurvivesTheWire() {
    LoadJob job = LoadJob.object("bucket", "test-images/image_001.jpg", true, 123456789L);
    Buffer wire = Buffer.buffer().appendString("ignored prefix");
    new LoadJobCodec().encodeToWire(wire, job);
    assertThat(new LoadJobCodec().decodeFromWire("ignored prefix".length(), wire)).isEqualTo(job);
  }

  @Test
  void resultCarriesRawBytesOnlyWhenPresent() {
    byte[] bytes = new byte[70_000];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    LoadResult withData = new LoadResult("a.jpg", bytes.length, "abc=", 12, 2, Buffer.buffer(bytes));
    Buffer wire = Buffer.buffer();
    new LoadResultCodec().encodeToWire(wire, withData);
    LoadResult decoded = new LoadResultCodec().decodeFromWire(0, wire);
    assertThat(decoded.data().getBytes()).isEqualTo(bytes);
    assertThat(decoded.withoutData()).isEqualTo(withData.withoutData());
    assertThat(wire.length()).as("bytes are not base64-inflated").isLessThan(bytes.length + 200);

    Buffer small = Buffer.buffer();
    new LoadResultCodec().encodeToWire(small, withData.withoutData());
    assertThat(new LoadResultCodec().decodeFromWire(0, small).data()).isNull();
  }

  @Test
  void unknownVersionIsRefusedNotMisread() {
    Buffer wire = Buffer.buffer();
    new LoadJobCodec().encodeToWire(wire, LoadJob.probe("b", 1));
    wire.setByte(0, (byte) 99);
    assertThatThrownBy(() -> new LoadJobCodec().decodeFromWire(0, wire)).hasMessageContaining("version 99");
  }

  @Test
  void storeJobCarriesRawBytesAndMetadata() {
    byte[] bytes = new byte[50_000];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 7);
    }
    StoreJob job = new StoreJob("bucket", "test-images/uploads/x.jpg", "image/jpeg",
      java.util.Map.of("prompt", "밝게 해 주세요 \"quoted\""), Buffer.buffer(bytes), 42L);
    Buffer wire = Buffer.buffer().appendString("xx");
    new StoreJobCodec().encodeToWire(wire, job);
    StoreJob decoded = new StoreJobCodec().decodeFromWire(2, wire);
    assertThat(decoded.data().getBytes()).isEqualTo(bytes);
    assertThat(decoded.metadata()).isEqualTo(job.metadata());
    assertThat(decoded.objectName()).isEqualTo(job.objectName());
    assertThat(decoded.contentType()).isEqualTo("image/jpeg");
    assertThat(decoded.deadlineEpochMs()).isEqualTo(42L);
    assertThat(wire.length()).as("bytes are not base64-inflated").isLessThan(bytes.length + 300);
  }

  @Test
  void storeResultSurvivesTheWire() {
    StoreResult result = new StoreResult("p/uploads/x.png", 1234, "AAAAAA==", 1700000000000001L, 15, 2);
    Buffer wire = Buffer.buffer();
    new StoreResultCodec().encodeToWire(wire, result);
    assertThat(new StoreResultCodec().decodeFromWire(0, wire)).isEqualTo(result);
  }
}
