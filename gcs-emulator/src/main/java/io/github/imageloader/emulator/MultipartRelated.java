package io.github.imageloader.emulator;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Parser for {@code multipart/related} bodies, the format of JSON API multipart uploads. */
final class MultipartRelated {

  /** One part; header names are lower-cased. */
  record Part(Map<String, String> headers, Buffer content) {
    String contentType() {
      return headers.get("content-type");
    }
  }

  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

  private MultipartRelated() {}

  static List<Part> parse(String contentTypeHeader, Buffer body) {
    String boundary = boundaryOf(contentTypeHeader);
    byte[] data = body.getBytes();
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    byte[] separator = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);

    int position = indexOf(data, delimiter, 0);
    if (position < 0) {
      throw GcsException.badRequest("Multipart body does not contain its boundary");
    }
    position += delimiter.length;
    List<Part> parts = new ArrayList<>();
    while (true) {
      if (startsWith(data, position, new byte[] {'-', '-'})) {
        return parts;
      }
      position = skipLineEnd(data, position);
      int headersEnd = indexOf(data, HEADER_END, position);
      if (headersEnd < 0) {
        throw GcsException.badRequest("Malformed multipart part headers");
      }
      Map<String, String> headers =
          parseHeaders(new String(data, position, headersEnd - position, StandardCharsets.UTF_8));
      int contentStart = headersEnd + HEADER_END.length;
      int contentEnd = indexOf(data, separator, contentStart);
      if (contentEnd < 0) {
        throw GcsException.badRequest("Multipart body is not terminated");
      }
      parts.add(new Part(headers, body.getBuffer(contentStart, contentEnd)));
      position = contentEnd + separator.length;
    }
  }

  private static String boundaryOf(String contentType) {
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/related")) {
      throw GcsException.badRequest("Expected Content-Type multipart/related");
    }
    for (String param : contentType.split(";")) {
      String trimmed = param.trim();
      if (trimmed.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
        String boundary = trimmed.substring("boundary=".length());
        if (boundary.length() >= 2 && boundary.startsWith("\"") && boundary.endsWith("\"")) {
          boundary = boundary.substring(1, boundary.length() - 1);
        }
        if (!boundary.isEmpty()) {
          return boundary;
        }
      }
    }
    throw GcsException.badRequest("multipart/related Content-Type without boundary");
  }

  private static Map<String, String> parseHeaders(String block) {
    Map<String, String> headers = new HashMap<>();
    for (String line : block.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.put(
            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim());
      }
    }
    return headers;
  }

  private static int skipLineEnd(byte[] data, int position) {
    // Transport padding (spaces/tabs) may precede the line end after a boundary.
    while (position < data.length && (data[position] == ' ' || data[position] == '\t')) {
      position++;
    }
    if (startsWith(data, position, CRLF)) {
      return position + 2;
    }
    if (position < data.length && data[position] == '\n') {
      return position + 1;
    }
    throw GcsException.badRequest("Malformed multipart boundary line");
  }

  private static boolean startsWith(byte[] data, int position, byte[] expected) {
    if (position + expected.length > data.length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      if (data[position + i] != expected[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] data, byte[] pattern, int from) {
    int last = data.length - pattern.length;
    outer:
    for (int i = Math.max(0, from); i <= last; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
