package io.github.imageloader.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryStringsTest {

  @Test
  void decodesRepeatedParametersInOrder() {
    assertThat(QueryStrings.values("file_names=a.jpg&x=1&file_names=b%20c+d.jpg&file_names=%E2%82%AC&file_names",
      "file_names")).isEqualTo(List.of("a.jpg", "b c d.jpg", "€", ""));
    assertThat(QueryStrings.values(null, "file_names")).isEmpty();
    assertThat(QueryStrings.values("&&", "file_names")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"file_names=%", "file_names=%z1", "file_names=%1", "file%zz=a", "file_names=%ff",
    "file_names=%c0%af", "file_names=%ed%a0%80", "file_names=\u00e9", "file_names=a\u0001"})
  void refusesWhatLenientDecodersGuessAt(String query) {
    assertThatThrownBy(() -> QueryStrings.values(query, "file_names"))
      .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.toJson().getString("error")).isEqualTo("invalid_query"));
  }
}
