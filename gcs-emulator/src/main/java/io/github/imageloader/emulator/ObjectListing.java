package io.github.imageloader.emulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Prefix/delimiter/pagination semantics of {@code objects.list} over a sorted list of names. Items
 * and collapsed prefixes both count towards {@code maxResults}; the page token is the opaque
 * (base64url) last key returned.
 */
final class ObjectListing {

  record Page(List<String> items, List<String> prefixes, String nextPageToken) {}

  record Query(
      String prefix,
      String delimiter,
      int maxResults,
      String pageToken,
      String startOffset,
      String endOffset) {}

  private ObjectListing() {}

  static Page page(List<String> sortedNames, Query query) {
    String prefix = query.prefix() == null ? "" : query.prefix();
    String delimiter = query.delimiter() == null ? "" : query.delimiter();
    String after = query.pageToken() == null ? null : decodeToken(query.pageToken());

    List<String> items = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String lastKey = null;
    boolean more = false;
    for (String name : sortedNames) {
      if (!name.startsWith(prefix)
          || (query.startOffset() != null && name.compareTo(query.startOffset()) < 0)
          || (query.endOffset() != null && name.compareTo(query.endOffset()) >= 0)) {
        continue;
      }
      String key = name;
      boolean collapsed = false;
      if (!delimiter.isEmpty()) {
        int at = name.indexOf(delimiter, prefix.length());
        if (at >= 0) {
          key = name.substring(0, at + delimiter.length());
          collapsed = true;
        }
      }
      if ((after != null && key.compareTo(after) <= 0) || key.equals(lastKey)) {
        continue;
      }
      if (items.size() + prefixes.size() == query.maxResults()) {
        more = true;
        break;
      }
      (collapsed ? prefixes : items).add(key);
      lastKey = key;
    }
    return new Page(items, prefixes, more ? encodeToken(lastKey) : null);
  }

  static String encodeToken(String lastKey) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeToken(String token) {
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw GcsException.badRequest("Invalid pageToken");
    }
  }
}
