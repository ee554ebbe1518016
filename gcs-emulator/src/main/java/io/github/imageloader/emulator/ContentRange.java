package io.github.imageloader.emulator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code Content-Range} of a resumable upload PUT: {@code bytes a-b/total}, {@code bytes a-b/*}
 * (more to come), {@code bytes *}{@code /total} (finalize or status query) or {@code bytes *}{@code
 * /*} (status query).
 *
 * @param first -1 when the request carries no bytes
 * @param total -1 when not yet known
 */
record ContentRange(long first, long last, long total) {

  private static final Pattern CHUNK = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
  private static final Pattern NO_BYTES = Pattern.compile("bytes \\*/(\\d+|\\*)");

  boolean hasBytes() {
    return first >= 0;
  }

  boolean totalKnown() {
    return total >= 0;
  }

  long length() {
    return last - first + 1;
  }

  static ContentRange parse(String header) {
    String value = header.trim();
    Matcher chunk = CHUNK.matcher(value);
    try {
      if (chunk.matches()) {
        long first = Long.parseLong(chunk.group(1));
        long last = Long.parseLong(chunk.group(2));
        long total = totalOf(chunk.group(3));
        if (last < first || (total >= 0 && last >= total)) {
          throw GcsException.badRequest("Invalid Content-Range: " + header);
        }
        return new ContentRange(first, last, total);
      }
      Matcher noBytes = NO_BYTES.matcher(value);
      if (noBytes.matches()) {
        return new ContentRange(-1, -1, totalOf(noBytes.group(1)));
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw GcsException.badRequest("Invalid Content-Range: " + header);
  }

  private static long totalOf(String value) {
    return value.equals("*") ? -1 : Long.parseLong(value);
  }
}
