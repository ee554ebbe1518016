package io.github.imageloader.api;

import io.vertx.core.buffer.Buffer;

import java.util.Optional;

/**
 * The image formats an upload may have, recognised by their magic bytes only: a client's file name and
 * declared content type are never trusted.
 */
enum ImageType {
  JPEG("image/jpeg", "jpg"),
  PNG("image/png", "png"),
  WEBP("image/webp", "webp");

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private final String contentType;
  private final String extension;

  ImageType(String contentType, String extension) {
    this.contentType = contentType;
    this.extension = extension;
  }

  String contentType() {
    return contentType;
  }

  String extension() {
    return extension;
  }

  static Optional<ImageType> sniff(Buffer data) {
    if (data.length() >= 3 && (data.getByte(0) & 0xFF) == 0xFF && (data.getByte(1) & 0xFF) == 0xD8
      && (data.getByte(2) & 0xFF) == 0xFF) {
      return Optional.of(JPEG);
    }
    if (startsWith(data, 0, PNG_SIGNATURE)) {
      return Optional.of(PNG);
    }
    // RIFF <4-byte little-endian size> WEBP
    if (startsWith(data, 0, new byte[] {'R', 'I', 'F', 'F'}) && startsWith(data, 8, new byte[] {'W', 'E', 'B', 'P'})) {
      return Optional.of(WEBP);
    }
    return Optional.empty();
  }

  private static boolean startsWith(Buffer data, int offset, byte[] expected) {
    if (data.length() < offset + expected.length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      if (data.getByte(offset + i) != expected[i]) {
        return false;
      }
    }
    return true;
  }
}
