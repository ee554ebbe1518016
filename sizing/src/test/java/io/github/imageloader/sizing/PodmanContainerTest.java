package io.github.imageloader.sizing;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PodmanContainerTest {

  @Test
  void aUnitIsTheStudysContainerWithoutSwapOnTheHostsNetwork() {
    List<String> command = PodmanContainer.runCommand("sizing-1-unit-1", "localhost/image-batch-loader:1", new UnitSpec(0.5, 768),
      Map.of("HTTP_PORT", "18301", "ROLES", "api,loader"));
    assertThat(String.join(" ", command)).isEqualTo("podman run --rm --name sizing-1-unit-1 --network host --cpus 0.5 --memory 768m "
      + "--memory-swap 768m --env HTTP_PORT=18301 --env ROLES=api,loader localhost/image-batch-loader:1");
  }

  @Test
  void statsAreCpuTimeAndMemoryInRawUnits() throws IOException {
    assertThat(PodmanContainer.parse("12345678901 301989888\n")).containsExactly(12345678901L, 301989888L);
  }

  @Test
  void statsInAnotherShapeAreRefusedNotMisread() {
    // podman's human form (percentages, "288MB / 1.61GB") must never be taken for raw figures
    assertThatThrownBy(() -> PodmanContainer.parse("12.5% 288MB / 1.61GB")).isInstanceOf(IOException.class)
      .hasMessageContaining("not CPU ns and memory bytes");
    assertThatThrownBy(() -> PodmanContainer.parse("")).isInstanceOf(IOException.class);
  }
}
