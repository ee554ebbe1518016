package io.github.imageloader.api;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Strict query-string decoding. The lenient decoders turn a broken {@code %zz} escape into an exception
 * (a 500 if nobody catches it) and invalid UTF-8 into U+FFFD (a silently different name); here both are a
 * 400 {@code invalid_query} that says where the problem is.
 */
final class QueryStrings {

  private QueryStrings() {
  }

  /** Every value of parameter {@code name} in {@code rawQuery} (may be {@code null}), in order. */
  static List<String> values(String rawQuery, String name) {
    List<String> values = new ArrayList<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return values;
    }
    int index = 0;
    for (String pair : rawQuery.split("&", -1)) {
      index++;
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq), index);
      if (key.equals(name)) {
        values.add(eq < 0 ? "" : decode(pair.substring(eq + 1), index));
      }
    }
    return values;
  }

  private static String decode(String text, int index) {
    byte[] bytes = new byte[text.length()];
    int length = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
        int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
        if (high < 0 || low < 0) {
          throw ApiError.badRequest("invalid_query", "query parameter #" + index + " has a malformed percent-escape"
            + " (a '%' must be followed by two hex digits)");
        }
        bytes[length++] = (byte) (high << 4 | low);
        i += 2;
      } else if (c == '+') {
        bytes[length++] = ' ';
      } else if (c < 0x20 || c >= 0x7f) {
        throw ApiError.badRequest("invalid_query", "query parameter #" + index
          + " has a character that must be percent-encoded (U+" + String.format("%04X", (int) c) + ")");
      } else {
        bytes[length++] = (byte) c;
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes, 0, length))
        .toString();
    } catch (CharacterCodingException e) {
      throw ApiError.badRequest("invalid_query", "query parameter #" + index + " is not valid UTF-8 once percent-decoded");
    }
  }
}
