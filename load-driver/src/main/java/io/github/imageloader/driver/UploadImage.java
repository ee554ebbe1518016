package io.github.imageloader.driver;

import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The image the upload scenario sends on every iteration, read once, with its declared media type and prompt. */
record UploadImage(String fileName, String mediaType, Buffer data, String prompt) {

  private static final Map<String, String> MEDIA_TYPES =
    Map.of("jpg", "image/jpeg", "jpeg", "image/jpeg", "png", "image/png", "webp", "image/webp");

  static UploadImage read(Path file, String prompt) throws IOException {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String type = dot < 0 ? null : MEDIA_TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    if (type == null) {
      throw new IOException("UPLOAD_FILE must be a .jpg, .jpeg, .png or .webp image, got " + file);
    }
    if (!Files.isRegularFile(file)) {
      throw new IOException("no image to upload at " + file + " (set UPLOAD_FILE; dev mode generates the default on first start)");
    }
    return new UploadImage(name, type, Buffer.buffer(Files.readAllBytes(file)), prompt);
  }
}
