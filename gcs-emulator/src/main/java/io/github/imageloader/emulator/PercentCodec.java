package io.github.imageloader.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * RFC 3986 percent-encoding for URL path segments. Unlike {@link java.net.URLDecoder}, '+' is a
 * literal plus here, which is what GCS object names in paths require.
 */
final class PercentCodec {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PercentCodec() {}

  static String decode(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          throw GcsException.badRequest("Malformed percent-encoding in path");
        }
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw GcsException.badRequest("Malformed percent-encoding in path");
        }
        out.write((hi << 4) | lo);
        i += 2;
      } else {
        byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * The RFC 3986 normal form of a raw path: unreserved characters and '/' literal, every other
   * byte as upper-case %XX. An encoded %2F stays encoded, so the path's meaning is unchanged.
   */
  static String normalizePath(String rawPath) {
    StringBuilder out = new StringBuilder(rawPath.length() + 16);
    for (int i = 0; i < rawPath.length(); i++) {
      char c = rawPath.charAt(i);
      if (c == '%') {
        if (i + 2 >= rawPath.length()) {
          throw GcsException.badRequest("Malformed percent-encoding in path");
        }
        int hi = Character.digit(rawPath.charAt(i + 1), 16);
        int lo = Character.digit(rawPath.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw GcsException.badRequest("Malformed percent-encoding in path");
        }
        appendEncoded(out, (hi << 4) | lo);
        i += 2;
      } else if (c == '/') {
        out.append(c);
      } else {
        for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
          appendEncoded(out, b & 0xFF);
        }
      }
    }
    return out.toString();
  }

  /** Encodes everything except RFC 3986 unreserved characters, so '/' becomes %2F. */
  static String encode(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      appendEncoded(out, b & 0xFF);
    }
    return out.toString();
  }

  private static void appendEncoded(StringBuilder out, int c) {
    if ((c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~') {
      out.append((char) c);
    } else {
      out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
    }
  }
}
