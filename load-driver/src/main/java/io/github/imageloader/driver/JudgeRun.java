package io.github.imageloader.driver;

import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Applies a scenario's acceptance rules to a finished run's result file (k6's or the driver's):
 * exit 0 when they hold, 1 when not, 2 on a usage error.
 *
 * <pre>
 * java -cp load-driver.jar io.github.imageloader.driver.JudgeRun spike RESULT.json [TOLERANCE=1.5]
 * java -cp load-driver.jar io.github.imageloader.driver.JudgeRun soak RESULT.json HEAP.json [MAX_GROWTH=0.10]
 * java -cp load-driver.jar io.github.imageloader.driver.JudgeRun overload RESULT.json [SLO_P95_MS=1000]
 * </pre>
 */
public final class JudgeRun {

  private JudgeRun() {
  }

  public static void main(String[] args) throws Exception {
    Verdict verdict;
    if (args.length >= 2 && args[0].equals("spike")) {
      verdict = SpikeVerdict.judge(read(args[1]), args.length > 2 ? Double.parseDouble(args[2]) : 1.5);
    } else if (args.length >= 3 && args[0].equals("soak")) {
      verdict = SoakVerdict.judge(read(args[1]), read(args[2]), args.length > 3 ? Double.parseDouble(args[3]) : 0.10);
    } else if (args.length >= 2 && args[0].equals("overload")) {
      verdict = OverloadVerdict.judge(read(args[1]), args.length > 2 ? Double.parseDouble(args[2]) : 1000, 0.90, 50);
    } else {
      System.err.println("usage: JudgeRun spike RESULT.json [TOLERANCE] | soak RESULT.json HEAP.json [MAX_GROWTH]"
        + " | overload RESULT.json [SLO_P95_MS]");
      System.exit(2);
      return;
    }
    System.out.print(verdict.text());
    System.exit(verdict.passed() ? 0 : 1);
  }

  private static JsonObject read(String file) throws Exception {
    return new JsonObject(Files.readString(Path.of(file)));
  }
}
