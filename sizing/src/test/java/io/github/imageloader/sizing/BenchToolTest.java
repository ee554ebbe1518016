package io.github.imageloader.sizing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchToolTest {

  @Test
  void withoutVariantsItMeasuresTheNodeAsShipped(@TempDir Path repo) throws Exception {
    jar(repo, ServiceProcess.JAR);
    BenchPlan plan = BenchTool.plan(new String[0], repo);
    assertThat(plan.variants()).singleElement().satisfies(v -> {
      assertThat(v.label()).isEqualTo("as-shipped");
      assertThat(v.javaOptions()).as("conf/jvm.options").isNull();
      assertThat(v.env()).isEmpty();
    });
    assertThat(plan.vus()).isEqualTo(30);
    assertThat(plan.batch()).isEqualTo("30-50");
    assertThat(plan.think()).isEqualTo("3-5");
  }

  @Test
  void variantOptionsApplyToTheVariantBeforeThem(@TempDir Path repo) throws Exception {
    jar(repo, ServiceProcess.JAR);
    jar(repo, "old.jar");
    BenchPlan plan = BenchTool.plan(new String[] {"--variant", "before", "--jar", "old.jar", "--java-opts", "",
      "--variant", "sdk", "--env", "STORAGE_TRANSPORT=sdk", "--env", "STORAGE_POOL_SIZE=32", "--vus", "10",
      "--variant", "g1", "--java-opts", "-XX:+UseG1GC  -Xmx256m"}, repo);
    assertThat(plan.variants()).extracting(BenchVariant::label).containsExactly("before", "sdk", "g1");
    assertThat(plan.variants().get(0).jar()).isEqualTo(repo.resolve("old.jar"));
    assertThat(plan.variants().get(0).javaOptions()).as("the JVM's own defaults").isEmpty();
    assertThat(plan.variants().get(1).env()).isEqualTo(Map.of("STORAGE_TRANSPORT", "sdk", "STORAGE_POOL_SIZE", "32"));
    assertThat(plan.variants().get(1).javaOptions()).isNull();
    assertThat(plan.variants().get(2).javaOptions()).containsExactly("-XX:+UseG1GC", "-Xmx256m");
    assertThat(plan.vus()).isEqualTo(10);
  }

  @Test
  void aVariantMayReachStorageOverTls(@TempDir Path repo) throws Exception {
    jar(repo, ServiceProcess.JAR);
    BenchPlan plan = BenchTool.plan(new String[] {"--variant", "plain", "--variant", "tls", "--storage", "tls"}, repo);
    assertThat(plan.variants()).extracting(BenchVariant::storageTls).containsExactly(false, true);
    assertThat(plan.variants().get(1).describe()).contains("storage over HTTPS");
    assertThatThrownBy(() -> BenchTool.plan(new String[] {"--storage", "ssl"}, repo)).hasMessageContaining("http or tls");
  }

  @Test
  void mistakesAreNamed(@TempDir Path repo) throws Exception {
    jar(repo, ServiceProcess.JAR);
    assertThatThrownBy(() -> BenchTool.plan(new String[] {"--variant", "x", "--jar", "missing.jar"}, repo))
      .hasMessageContaining("no jar at");
    assertThatThrownBy(() -> BenchTool.plan(new String[] {"--think", "3..5"}, repo)).hasMessageContaining("--think takes A-B");
    assertThatThrownBy(() -> BenchTool.plan(new String[] {"--colour", "red"}, repo)).hasMessageContaining("unknown option --colour");
    assertThatThrownBy(() -> BenchTool.plan(new String[] {"--env", "NOEQUALS"}, repo)).hasMessageContaining("KEY=VALUE");
    assertThat(BenchTool.run(new String[] {"--measure", "0"}, repo)).isEqualTo(2);
  }

  @Test
  void theReportGivesMediansAndLatencyAsARatioToTheFloor() {
    List<BenchResult> results = List.of(
      window("node", 1, 100, 0.30), window("floor", 1, 80, Double.NaN),
      window("node", 2, 120, 0.20), window("floor", 2, 90, Double.NaN),
      window("node", 3, 110, 0.25), window("floor", 3, 100, Double.NaN));
    BenchPlan plan = new BenchPlan(List.of(new BenchVariant("node", Path.of("n.jar"), null, Map.of())), 30, 60, 60, 3,
      40, 20, "3-5", "30-50", 42, Path.of("out"), StorageTail.NONE);
    String md = BenchReport.markdown(plan, results, "test host");
    // medians: node p95 110, floor p95 90 -> 1.22; node CPU 0.25
    assertThat(md).contains("| node | 55 | 110 | 165 | 1.22 | 50 | 0.250 |");
    assertThat(md).contains("| floor | 45 | 90 | 135 | 1.00 |");
    assertThat(BenchReport.json(plan, results, "test host").getJsonArray("windows")).hasSize(6);
  }

  private static BenchResult window(String label, int repeat, double p95, double cpu) {
    return new BenchResult(label, repeat, 100, 0, p95 / 2, p95, p95 * 1.5, p95 * 2, 3000, 60, cpu, 0.02, 0.1, 200, 0, 1.0, 0, 0);
  }

  private static void jar(Path repo, String path) throws Exception {
    Files.createDirectories(repo.resolve(path).getParent());
    Files.writeString(repo.resolve(path), "jar");
  }
}
