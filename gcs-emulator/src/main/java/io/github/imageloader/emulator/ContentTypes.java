package io.github.imageloader.emulator;

import java.util.Locale;
import java.util.Map;

/** Content type for objects that were put on disk directly, i.e. without upload metadata. */
final class ContentTypes {

  static final String DEFAULT = "application/octet-stream";

  private static final Map<String, String> BY_EXTENSION =
      Map.ofEntries(
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("png", "image/png"),
          Map.entry("gif", "image/gif"),
          Map.entry("webp", "image/webp"),
          Map.entry("bmp", "image/bmp"),
          Map.entry("tif", "image/tiff"),
          Map.entry("tiff", "image/tiff"),
          Map.entry("json", "application/json"),
          Map.entry("txt", "text/plain"),
          Map.entry("csv", "text/csv"),
          Map.entry("html", "text/html"),
          Map.entry("zip", "application/zip"),
          Map.entry("gz", "application/gzip"));

  private ContentTypes() {}

  static String guess(String objectName) {
    int slash = objectName.lastIndexOf('/');
    int dot = objectName.lastIndexOf('.');
    if (dot <= slash + 1 || dot == objectName.length() - 1) {
      return DEFAULT;
    }
    String extension = objectName.substring(dot + 1).toLowerCase(Locale.ROOT);
    return BY_EXTENSION.getOrDefault(extension, DEFAULT);
  }
}
