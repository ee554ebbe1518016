package io.github.imageloader.emulator;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A single satisfiable byte range of an object, from an HTTP {@code Range} header. */
record ByteRange(long first, long last) {

  private static final Pattern SINGLE_RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  long length() {
    return last - first + 1;
  }

  String contentRange(long size) {
    return "bytes " + first + "-" + last + "/" + size;
  }

  /**
   * Parses a {@code Range} header against an object of {@code size} bytes. Empty when the whole
   * object should be served: no header, or one we ignore as RFC 9110 allows (malformed, several
   * ranges). Throws 416 when the range is valid but starts beyond the end of the object.
   */
  static Optional<ByteRange> parse(String header, long size) {
    if (header == null) {
      return Optional.empty();
    }
    Matcher m = SINGLE_RANGE.matcher(header.trim());
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return Optional.empty();
    }
    try {
      if (m.group(1).isEmpty()) {
        long suffix = Long.parseLong(m.group(2));
        if (suffix == 0) {
          throw unsatisfiable(header, size);
        }
        return size == 0
            ? Optional.empty()
            : Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
      }
      long first = Long.parseLong(m.group(1));
      long last = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
      if (last < first) {
        return Optional.empty();
      }
      if (size == 0 && first == 0) {
        return Optional.empty(); // an empty object is served as an empty 200, not 416
      }
      if (first >= size) {
        throw unsatisfiable(header, size);
      }
      return Optional.of(new ByteRange(first, Math.min(last, size - 1)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static GcsException unsatisfiable(String header, long size) {
    return GcsException.rangeNotSatisfiable(
        "The requested range cannot be satisfied (" + header + ", object size " + size + ")");
  }
}
