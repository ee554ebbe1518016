package io.github.imageloader.driver;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BatchPickerTest {

  private static ScenarioDefinition images() throws Exception {
    return ScenarioDefinition.from("images", ScenarioDefinitionTest.definitions().getJsonObject("images"));
  }

  private static List<String> batches(BatchPicker picker, int vu, int count) {
    List<String> batches = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      batches.add(Arrays.toString(picker.next(vu)));
    }
    return batches;
  }

  @Test
  void theSameSeedGivesEveryVuTheSameBatchesInEveryRunWhateverTheOrderOfVus() throws Exception {
    BatchPicker first = new BatchPicker(images(), 42L);
    BatchPicker second = new BatchPicker(images(), 42L);
    List<String> vu3 = batches(first, 3, 5);
    List<String> vu0 = batches(first, 0, 5);
    // the second run asks in another order, as VUs would when latencies differ
    assertThat(batches(second, 0, 5)).isEqualTo(vu0);
    assertThat(batches(second, 3, 5)).isEqualTo(vu3);
    assertThat(vu0).isNotEqualTo(vu3);
  }

  @Test
  void batchesStayWithinTheScenariosSizesAndImages() throws Exception {
    ScenarioDefinition scenario = images();
    BatchPicker picker = new BatchPicker(scenario, 7L);
    for (int i = 0; i < 200; i++) {
      int[] batch = picker.next(i % 30);
      assertThat(batch.length).isBetween(scenario.batchMin(), scenario.batchMax());
      assertThat(Arrays.stream(batch).allMatch(index -> index >= 1 && index <= scenario.imageCount())).isTrue();
    }
  }

  @Test
  void anotherSeedOrNoneGivesOtherBatches() throws Exception {
    List<String> seeded = batches(new BatchPicker(images(), 42L), 0, 5);
    assertThat(batches(new BatchPicker(images(), 43L), 0, 5)).isNotEqualTo(seeded);
    assertThat(batches(new BatchPicker(images(), null), 0, 5)).isNotEqualTo(seeded);
  }
}
