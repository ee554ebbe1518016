package io.github.imageloader.sizing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's command line ({@code scripts/bench}): the study workload against fresh nodes and against the
 * storage floor, every figure a ratio within one run. Exit 0 on success, 2 on a usage error, 1 when a run failed.
 */
public final class BenchTool {

  static final String USAGE = """
    usage: scripts/bench [options]           (from the repository root)
      --vus N               virtual users (default 30, the study's)
      --warmup S            unmeasured seconds of load on each fresh node (default 60)
      --measure S           measured seconds per variant and for the floor (default 60)
      --repeats R           walks through the variants and the floor (default 1)
      --latency MS / --jitter MS   emulator first-byte latency ± jitter (default 40 / 20)
      --think A-B           think time in seconds (default 3-5)
      --batch A-B           images per request (default 30-50)
      --seed N              the batches' seed, the same for every window (default 42)
      --tail RATE:MS        a share of storage reads whose first byte is MS late, e.g. 0.02:1000 (default none)
      --stall RATE:MS       a share of storage reads that stop MS halfway through the body (default none)
      --variant LABEL       start a variant (default: one, "as-shipped"); the options below apply to the last one
        --jar PATH          the node's jar (default app/target/image-batch-loader.jar)
        --java-opts "…"     JVM options instead of conf/jvm.options
        --env KEY=VALUE     a node setting (repeatable)
        --storage http|tls  how the node reaches storage: plain HTTP (default) or HTTPS, as production reaches GCS
                            (the emulator's TLS listener with a dev CA generated for the run, STORAGE_CA_FILE)
      --out DIR             report.md and bench-run.json (default results/bench-<time>)
    """;

  private BenchTool() {
  }

  public static void main(String[] args) {
    System.exit(run(args, Path.of("").toAbsolutePath()));
  }

  static int run(String[] args, Path repo) {
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.print(USAGE);
      return 0;
    }
    BenchPlan plan;
    try {
      plan = plan(args, repo);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.err.print(USAGE);
      return 2;
    }
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path work = repo.resolve("results/bench-work-" + stamp);
    String host = Runtime.getRuntime().availableProcessors() + " CPUs, " + System.getProperty("os.name") + " "
      + System.getProperty("os.version") + ", Java " + System.getProperty("java.version");
    try {
      List<BenchResult> results = new BenchRunner(repo, plan, work).run();
      Files.createDirectories(plan.out());
      Files.writeString(plan.out().resolve("bench-run.json"), BenchReport.json(plan, results, host).encodePrettily() + "\n");
      Files.writeString(plan.out().resolve("report.md"), BenchReport.markdown(plan, results, host));
      System.out.println("bench: report " + plan.out().resolve("report.md") + " (logs: " + work + ")");
      return 0;
    } catch (IOException e) {
      System.err.println("bench: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  static BenchPlan plan(String[] args, Path repo) {
    Map<String, String> flags = new LinkedHashMap<>();
    List<String[]> variants = new ArrayList<>();
    List<Map<String, String>> envs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "'");
      }
      String value = args[++i];
      switch (arg) {
        case "--variant" -> {
          variants.add(new String[] {value, null, null, null});
          envs.add(new LinkedHashMap<>());
        }
        case "--jar", "--java-opts", "--env", "--storage" -> {
          if (variants.isEmpty()) {
            variants.add(new String[] {"as-shipped", null, null, null});
            envs.add(new LinkedHashMap<>());
          }
          String[] last = variants.get(variants.size() - 1);
          if (arg.equals("--jar")) {
            last[1] = value;
          } else if (arg.equals("--java-opts")) {
            last[2] = value;
          } else if (arg.equals("--storage")) {
            if (!value.equals("http") && !value.equals("tls")) {
              throw new IllegalArgumentException("--storage takes http or tls, not " + value);
            }
            last[3] = value;
          } else {
            int eq = value.indexOf('=');
            if (eq < 1) {
              throw new IllegalArgumentException("--env takes KEY=VALUE, not " + value);
            }
            envs.get(envs.size() - 1).put(value.substring(0, eq), value.substring(eq + 1));
          }
        }
        default -> flags.put(arg.substring(2), value);
      }
    }
    if (variants.isEmpty()) {
      variants.add(new String[] {"as-shipped", null, null, null});
      envs.add(Map.of());
    }
    List<BenchVariant> list = new ArrayList<>();
    for (int i = 0; i < variants.size(); i++) {
      String[] v = variants.get(i);
      Path jar = repo.resolve(v[1] == null ? ServiceProcess.JAR : v[1]);
      if (!Files.exists(jar)) {
        throw new IllegalArgumentException("no jar at " + jar);
      }
      list.add(new BenchVariant(v[0], jar, v[2] == null ? null : v[2].isBlank() ? List.of() : List.of(v[2].trim().split("\\s+")), envs.get(i),
        "tls".equals(v[3])));
    }
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    BenchPlan plan = new BenchPlan(list, positive(flags, "vus", 30), nonNegative(flags, "warmup", 60),
      positive(flags, "measure", 60), positive(flags, "repeats", 1), nonNegative(flags, "latency", 40),
      nonNegative(flags, "jitter", 20), range(flags, "think", "3-5"), range(flags, "batch", "30-50"),
      Long.parseLong(flags.getOrDefault("seed", "42")), Path.of(flags.getOrDefault("out", "results/bench-" + stamp)),
      tail(flags));
    flags.keySet().removeAll(List.of("vus", "warmup", "measure", "repeats", "latency", "jitter", "think", "batch", "seed", "out",
      "tail", "stall"));
    if (!flags.isEmpty()) {
      throw new IllegalArgumentException("unknown option --" + flags.keySet().iterator().next());
    }
    return plan;
  }

  private static StorageTail tail(Map<String, String> flags) {
    double[] tail = StorageTail.parse("tail", flags.get("tail"));
    double[] stall = StorageTail.parse("stall", flags.get("stall"));
    return new StorageTail(tail[0], (int) tail[1], stall[0], (int) stall[1]);
  }

  private static int positive(Map<String, String> flags, String key, int defaultValue) {
    int value = nonNegative(flags, key, defaultValue);
    if (value < 1) {
      throw new IllegalArgumentException("--" + key + " must be at least 1");
    }
    return value;
  }

  private static int nonNegative(Map<String, String> flags, String key, int defaultValue) {
    try {
      int value = Integer.parseInt(flags.getOrDefault(key, Integer.toString(defaultValue)));
      if (value < 0) {
        throw new IllegalArgumentException("--" + key + " must not be negative");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " must be a whole number, not " + flags.get(key));
    }
  }

  private static String range(Map<String, String> flags, String key, String defaultValue) {
    String value = flags.getOrDefault(key, defaultValue);
    if (!value.matches("\\d+(\\.\\d+)?-\\d+(\\.\\d+)?")) {
      throw new IllegalArgumentException("--" + key + " takes A-B, not " + value);
    }
    return value;
  }
}
