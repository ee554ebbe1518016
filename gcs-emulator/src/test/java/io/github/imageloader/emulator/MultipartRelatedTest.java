package io.github.imageloader.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartRelatedTest {

  @Test
  void splitsMetadataAndBinaryMedia() {
    byte[] media = {0, 13, 10, 45, 45, (byte) 0xFF, 10};
    Buffer body =
        Buffer.buffer("--xyz\r\nContent-Type: application/json\r\n\r\n{\"name\":\"a\"}\r\n--xyz\r\n"
                + "Content-Type: image/jpeg\r\ncontent-transfer-encoding: binary\r\n\r\n")
            .appendBytes(media)
            .appendString("\r\n--xyz--\r\n");

    List<MultipartRelated.Part> parts =
        MultipartRelated.parse("multipart/related; boundary=xyz", body);

    assertThat(parts).hasSize(2);
    assertThat(parts.get(0).contentType()).isEqualTo("application/json");
    assertThat(parts.get(0).content().toString()).isEqualTo("{\"name\":\"a\"}");
    assertThat(parts.get(1).contentType()).isEqualTo("image/jpeg");
    assertThat(parts.get(1).content().getBytes()).isEqualTo(media);
  }

  @Test
  void rejectsBodiesWithoutTheBoundary() {
    assertThatThrownBy(
            () ->
                MultipartRelated.parse(
                    "multipart/related; boundary=xyz", Buffer.buffer("no parts here")))
        .isInstanceOf(GcsException.class);
    assertThatThrownBy(() -> MultipartRelated.parse("application/json", Buffer.buffer("{}")))
        .isInstanceOf(GcsException.class);
  }
}
