package io.github.imageloader.sizing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SizingToolTest {

  @Test
  void defaultsAreTheStudysUnitStepsAndSlo(@TempDir Path repo) throws Exception {
    SizingPlan plan = SizingTool.plan(Map.of(), repo);
    assertThat(plan.unit()).isEqualTo(UnitSpec.DEFAULT);
    assertThat(plan.steps()).containsExactly(10, 25, 50, 100, 150, 200, 250);
    assertThat(plan.repeats()).isEqualTo(2);
    assertThat(plan.slo()).isEqualTo(Slo.DEFAULT);
    assertThat(plan.prices().vcpuHour()).isEqualTo(0.0276);
    // the README's short run stays within 10 minutes of load (the fresh units' warm-up at least 30 s, longer until warm)
    assertThat(plan.loadSeconds()).isEqualTo(520).isLessThanOrEqualTo(600);
    assertThat(SizingTool.warmupCheck(Map.of())).isEqualTo(new WarmupCheck(30, 15, 0.1, 300));
  }

  @Test
  void flagsChooseUnitStepsSloAndTarget(@TempDir Path repo) throws Exception {
    SizingPlan plan = SizingTool.plan(SizingTool.flags(new String[] {"--cpus", "2", "--memory", "3g", "--steps", "5,10,20",
      "--p95", "500", "--errors", "1", "--cpu", "80", "--target", "1000", "--think", "1-1", "--batch", "10-20"}), repo);
    assertThat(plan.unit()).isEqualTo(new UnitSpec(2, 3072));
    assertThat(plan.steps()).containsExactly(5, 10, 20);
    assertThat(plan.slo()).isEqualTo(new Slo(500, 0.01, 80));
    assertThat(plan.targetVus()).isEqualTo(1000);
    assertThat(plan.thinkMinS()).isEqualTo(1.0);
    assertThat(plan.batchMax()).isEqualTo(20);
  }

  @Test
  void theEngineIsCgroupOrPodmanAndTheImageTagIsTheProjectVersion(@TempDir Path repo) throws Exception {
    assertThatThrownBy(() -> SizingTool.plan(SizingTool.flags(new String[] {"--engine", "docker"}), repo))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--engine must be cgroup or podman");
    SizingTool.plan(SizingTool.flags(new String[] {"--engine", "podman", "--image", "localhost/x:1"}), repo);
    java.nio.file.Files.writeString(repo.resolve("pom.xml"), "<project>\n  <parent>\n    <version>9</version>\n  </parent>\n"
      + "  <version>1.2.3-SNAPSHOT</version>\n</project>\n");
    assertThat(SizingTool.projectVersion(repo)).isEqualTo("1.2.3-SNAPSHOT");
  }

  @Test
  void validationStepsBracketThePrediction(@TempDir Path repo) throws Exception {
    assertThat(SizingTool.aroundPrediction(100)).containsExactly(60, 80, 90, 100, 110, 120, 140);
    SizingPlan plan = SizingTool.plan(SizingTool.flags(new String[] {"--units", "2", "--predicted", "50"}), repo);
    assertThat(plan.units()).isEqualTo(2);
    assertThat(plan.predictedVus()).isEqualTo(50.0);
    assertThat(plan.steps()).containsExactly(30, 40, 45, 50, 55, 60, 70);
    assertThat(plan.loadSeconds()).isLessThanOrEqualTo(600);
  }

  @Test
  void badInputIsRefusedWithTheProblemNamed(@TempDir Path repo) {
    assertThatThrownBy(() -> SizingTool.flags(new String[] {"--bogus", "1"})).hasMessageContaining("--bogus");
    assertThatThrownBy(() -> SizingTool.plan(SizingTool.flags(new String[] {"--steps", "50,10"}), repo)).hasMessageContaining("increase");
    assertThatThrownBy(() -> SizingTool.plan(SizingTool.flags(new String[] {"--think", "5-3"}), repo)).hasMessageContaining("--think");
    assertThatThrownBy(() -> SizingTool.plan(SizingTool.flags(new String[] {"--cpus", "x"}), repo)).hasMessageContaining("--cpus");
    assertThatThrownBy(() -> SizingTool.plan(SizingTool.flags(new String[] {"--headroom", "1"}), repo)).hasMessageContaining("headroom");
    assertThat(SizingTool.run(new String[] {"--units"}, repo)).isEqualTo(2);
    assertThat(SizingTool.flags(new String[] {"--compare-tools", "--steps", "10"})).containsEntry("compare-tools", "true");
    assertThat(SizingTool.run(new String[] {"--compare-tools", "--load-tool", "k6"}, repo)).isEqualTo(2);
  }
}
