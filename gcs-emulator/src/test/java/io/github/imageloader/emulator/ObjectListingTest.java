package io.github.imageloader.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectListingTest {

  private static final List<String> NAMES =
      List.of("a.txt", "dir/1", "dir/2", "dir/sub/3", "dir/sub/4", "dir/z/5", "e.txt");

  @Test
  void prefixWithoutDelimiterListsEverythingBelow() {
    ObjectListing.Page page = ObjectListing.page(NAMES, query("dir/", null, 1000, null));

    assertThat(page.items()).containsExactly("dir/1", "dir/2", "dir/sub/3", "dir/sub/4", "dir/z/5");
    assertThat(page.prefixes()).isEmpty();
    assertThat(page.nextPageToken()).isNull();
  }

  @Test
  void delimiterCollapsesPrefixes() {
    ObjectListing.Page page = ObjectListing.page(NAMES, query("", "/", 1000, null));

    assertThat(page.items()).containsExactly("a.txt", "e.txt");
    assertThat(page.prefixes()).containsExactly("dir/");
  }

  @Test
  void pagesCoverEverythingExactlyOnce() {
    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      ObjectListing.Page page = ObjectListing.page(NAMES, query("dir/", "/", 2, token));
      seen.addAll(page.items());
      seen.addAll(page.prefixes());
      token = page.nextPageToken();
      pages++;
    } while (token != null);

    assertThat(seen).containsExactly("dir/1", "dir/2", "dir/sub/", "dir/z/");
    assertThat(pages).isEqualTo(2);
  }

  @Test
  void offsetsBoundTheRange() {
    ObjectListing.Page page =
        ObjectListing.page(
            NAMES, new ObjectListing.Query("", null, 1000, null, "dir/2", "dir/z"));

    assertThat(page.items()).containsExactly("dir/2", "dir/sub/3", "dir/sub/4");
  }

  private static ObjectListing.Query query(
      String prefix, String delimiter, int maxResults, String token) {
    return new ObjectListing.Query(prefix, delimiter, maxResults, token, null, null);
  }
}
