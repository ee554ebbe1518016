package io.github.imageloader.emulator;

import java.util.ArrayList;
import java.util.List;

/** One decoded {@code name=value} pair of a query string. */
record QueryParameter(String name, String value) {

  /**
   * Splits and percent-decodes a raw query string, keeping order and repeats. '+' stays a literal
   * plus (RFC 3986), as signed URL canonicalisation requires; a name without '=' has value "".
   */
  static List<QueryParameter> parseAll(String rawQuery) {
    List<QueryParameter> parameters = new ArrayList<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      parameters.add(new QueryParameter(PercentCodec.decode(name), PercentCodec.decode(value)));
    }
    return parameters;
  }
}
