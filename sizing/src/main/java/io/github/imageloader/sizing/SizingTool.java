package io.github.imageloader.sizing;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sizing tool's command line: measure (confined units, stepped load) and report, or re-report a
 * recorded run. Exit 0 on success, 2 on a usage error, 1 when the run failed, 3 when a validation run's
 * measured capacity is outside ±20 % of the prediction, 4 when {@code --compare-tools} found the tools disagreeing.
 */
public final class SizingTool {

  static final String USAGE = """
    usage: scripts/sizing [options]            (run as root from the repository root: units are confined by cgroups or podman)
      --engine E            cgroup: units are cgroups the tool makes; podman: units are containers of the service's
                            image, sampled with podman stats (default cgroup)
      --image I             the image podman runs (default localhost/image-batch-loader:<project version>, deploy/image/build.sh)
      --cpus C              unit CPUs, docker --cpus (default 1.0)
      --memory M            unit memory, docker --memory: 1536m, 1.5g (default 1536m)
      --units N             units measured together, the VUs spread over them (default 1)
      --steps A,B,…         VU levels (default 10,25,50,100,150,200,250; with --predicted: 0.6–1.4 × the prediction)
      --repeats R           times the whole ladder is walked (default 2)
      --warmup S            seconds of unmeasured load before each step (default 10)
      --measure S           seconds measured per step (default 25)
      --first-warmup S      the fresh units' warm-up (a third of the way up the steps) lasts at least S seconds (default 30),
                            then until they are warm: see --warm-window
      --warm-window S       the warm-up is judged in windows of S seconds: the units are warm when the CPU they spent per
                            batch in two consecutive windows agrees within --warm-tolerance (default 15; 0: no check, a
                            fixed warm-up of --first-warmup seconds)
      --warm-tolerance PCT  how close two windows' CPU per batch must be (default 10)
      --warm-limit S        the warm-up stops at S seconds even when the units are not warm; the report says so (default 300)
      --p95 MS              SLO: p95 latency at most MS (default 1000)
      --errors PCT          SLO: failed requests at most PCT % (default 0.1)
      --cpu PCT             SLO: CPU at most PCT % of the unit's --cpus (default 90)
      --prices FILE         prices JSON {vcpuHour, gbHour, hoursPerMonth, …} (default: the study's Seoul prices)
      --target N            VUs the deployment must serve (default 200)
      --headroom F          fraction of the SLO capacity kept free when recommending VUs per unit (default 0.2)
      --latency MS / --jitter MS   emulator first-byte latency ± jitter (default 40 / 20)
      --think A-B           think time in seconds (default 3-5)
      --batch A-B           images per request (default 30-50)
      --storage S           http or tls: units reach storage over plain HTTP (default) or over HTTPS, as production
                            reaches GCS (the emulator's TLS listener, a dev CA generated for the run); cgroup engine only
      --load-tool T         auto (k6 when on the PATH and one unit, else the Java driver), k6 or driver (default auto)
      --compare-tools       run the ladder twice, with k6 and then with the driver (a fresh unit each), and report the
                            difference: --out gets k6/, driver/ and comparison.md (exit 4 when the tools disagree)
      --predicted N         validation: the capacity predicted for these --units; the report says whether the
                            measurement is within ±20 %
      --predicted-from FILE validation: take the prediction from a sizing-run.json (its capacity per unit × --units)
      --out DIR             where the report, charts and sizing-run.json go (default results/sizing-<time>);
                            logs and the load tool's files go to results/sizing-work-<time>
      --report-only FILE    no measurement: re-render the report of a recorded sizing-run.json into --out
    """;

  private SizingTool() {
  }

  public static void main(String[] args) {
    System.exit(run(args, Path.of("").toAbsolutePath()));
  }

  static int run(String[] args, Path repo) {
    Map<String, String> flags;
    SizingPlan plan;
    WarmupCheck warmupCheck;
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.print(USAGE);
      return 0;
    }
    try {
      flags = flags(args);
      if (flags.containsKey("report-only")) {
        Path recorded = Path.of(flags.get("report-only"));
        Path out = Path.of(flags.getOrDefault("out", recorded.toAbsolutePath().getParent().toString()));
        SizingRun run = SizingRun.fromJson(new JsonObject(Files.readString(recorded)));
        return report(run, out);
      }
      plan = plan(flags, repo);
      warmupCheck = warmupCheck(flags);
      if (flags.containsKey("compare-tools") && (flags.containsKey("load-tool") || plan.units() > 1)) {
        throw new IllegalArgumentException("--compare-tools runs one unit with both tools; it takes no --load-tool and no --units above 1");
      }
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("sizing: " + e.getMessage());
      System.err.print(USAGE);
      return 2;
    }
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path out = Path.of(flags.getOrDefault("out", "results/sizing-" + stamp));
    // scenario, load result and logs stay out of the report directory (which may be committed under docs/)
    Path work = repo.resolve("results/sizing-work-" + stamp);
    System.out.printf("sizing: %d unit(s) of %s, steps %s × %d, SLO %s; about %s of load%n", plan.units(), plan.unit().describe(),
      plan.steps(), plan.repeats(), plan.slo().describe(), ConsoleProgress.clock(plan.loadSeconds() * 1000L));
    int hostCpus = Runtime.getRuntime().availableProcessors();
    double unitCpus = plan.units() * plan.unit().cpus();
    if (hostCpus - unitCpus < 1) {
      System.out.printf("warning: %d unit(s) × %s vCPU on a %d-CPU host leave %.1f CPU for the emulator and the load tool: "
        + "the host may become the limit before the units do (the report names such steps); use a host with at least %d CPUs%n",
        plan.units(), Format.number(plan.unit().cpus()), hostCpus, hostCpus - unitCpus, (int) Math.ceil(unitCpus) + 2);
    }
    try {
      String command = "scripts/sizing" + (args.length == 0 ? "" : " " + String.join(" ", args));
      System.out.println("work files and logs: " + work);
      String engine = flags.getOrDefault("engine", "cgroup");
      String image = flags.containsKey("image") ? flags.get("image") : "localhost/image-batch-loader:" + projectVersion(repo);
      String storage = flags.getOrDefault("storage", "http");
      if (!storage.equals("http") && !storage.equals("tls")) {
        throw new IllegalArgumentException("--storage takes http or tls, not " + storage);
      }
      if (storage.equals("tls") && engine.equals("podman")) {
        throw new IllegalArgumentException("--storage tls runs cgroup units only (a container would need the run's CA mounted)");
      }
      boolean storageTls = storage.equals("tls");
      if (flags.containsKey("compare-tools")) {
        return compare(plan, warmupCheck, command, engine, image, storageTls, repo, work, out);
      }
      SizingRun run = new SizingRunner(repo, work, System.out)
        .run(plan, warmupCheck, flags.getOrDefault("load-tool", "auto"), command, engine, image, storageTls);
      int exit = report(run, out);
      if (exit == 0 && plan.predictedVus() != null) {
        SizingAnalysis analysis = SizingAnalysis.of(run);
        boolean within = analysis.capacity().bound() == SloCapacity.Bound.INTERPOLATED && Math.abs(analysis.predictionError()) <= 0.2;
        System.out.printf("validation: predicted %.1f VUs, measured %s: %+.1f %%, %s%n", plan.predictedVus(),
          analysis.capacity().describe(), analysis.predictionError() * 100, within ? "within ±20 %" : "NOT within ±20 %");
        return within ? 0 : 3;
      }
      return exit;
    } catch (IOException | RuntimeException e) {
      System.err.println("sizing: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  /** The ladder with k6, then with the driver, each on a fresh unit; both reports, and their difference. */
  private static int compare(SizingPlan plan, WarmupCheck warmupCheck, String command, String engine, String image,
                             boolean storageTls, Path repo, Path work,
                             Path out) throws IOException, InterruptedException {
    List<SizingAnalysis> analyses = new ArrayList<>();
    for (String tool : List.of("k6", "driver")) {
      System.out.println("compare-tools: the ladder with " + tool);
      SizingRun run = new SizingRunner(repo, work.resolve(tool), System.out).run(plan, warmupCheck, tool, command, engine, image, storageTls);
      report(run, out.resolve(tool));
      analyses.add(SizingAnalysis.of(run));
    }
    ToolComparison comparison = ToolComparison.of(analyses.get(0), analyses.get(1));
    Files.writeString(out.resolve("comparison.md"), comparison.markdown());
    Files.writeString(out.resolve("comparison.json"), comparison.toJson().encodePrettily() + "\n");
    System.out.print(comparison.markdown());
    System.out.println("comparison: " + out.resolve("comparison.md"));
    return comparison.agrees() ? 0 : 4;
  }

  static int report(SizingRun run, Path out) throws IOException {
    Files.createDirectories(out);
    Files.writeString(out.resolve("sizing-run.json"), run.toJson().encodePrettily() + "\n");
    SizingAnalysis analysis = SizingAnalysis.of(run);
    Charts.write(analysis, out);
    Files.writeString(out.resolve("report.md"), MarkdownReport.render(analysis));
    System.out.println("capacity: " + analysis.capacity().describe());
    Recommendation rec = analysis.recommendation();
    if (rec.vusPerUnit() >= 1) {
      System.out.printf("recommendation: %s units of %d VUs; %d VUs -> %d units, %s a month%n", run.plan().unit().describe(),
        rec.vusPerUnit(), rec.targetVus(), rec.units(), Format.money(rec.monthlyCost()));
    }
    System.out.println("report: " + out.resolve("report.md"));
    return 0;
  }

  static Map<String, String> flags(String[] args) {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--compare-tools")) {
        flags.put("compare-tools", "true");
        continue;
      }
      if (!arg.startsWith("--") || i + 1 >= args.length || !USAGE.contains("  " + arg + " ")) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "'");
      }
      flags.put(arg.substring(2), args[++i]);
    }
    return flags;
  }

  /** The project's version, from the root pom.xml as the scripts read it (the image's tag). */
  static String projectVersion(Path repo) throws IOException {
    java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("(?m)^  <version>([^<]+)</version>")
      .matcher(Files.readString(repo.resolve("pom.xml")));
    if (!matcher.find()) {
      throw new IOException("no <version> in " + repo.resolve("pom.xml"));
    }
    return matcher.group(1);
  }

  static SizingPlan plan(Map<String, String> flags, Path repo) throws IOException {
    String engine = flags.getOrDefault("engine", "cgroup");
    if (!engine.equals("cgroup") && !engine.equals("podman")) {
      throw new IllegalArgumentException("--engine must be cgroup or podman, got '" + engine + "'");
    }
    UnitSpec unit = new UnitSpec(number(flags, "cpus", 1.0), UnitSpec.parseMemoryMb(flags.getOrDefault("memory", "1536m")));
    int units = (int) number(flags, "units", 1);
    Double predicted = null;
    if (flags.containsKey("predicted")) {
      predicted = number(flags, "predicted", 0);
    } else if (flags.containsKey("predicted-from")) {
      SizingRun baseline = SizingRun.fromJson(new JsonObject(Files.readString(Path.of(flags.get("predicted-from")))));
      SizingAnalysis analysis = SizingAnalysis.of(baseline);
      if (analysis.capacity().bound() != SloCapacity.Bound.INTERPOLATED) {
        throw new IllegalArgumentException("the baseline's capacity is not bracketed (" + analysis.capacity().describe() + "); nothing to predict from");
      }
      predicted = analysis.capacityPerUnit() * units;
    }
    if (predicted != null && !(predicted >= 1)) {
      throw new IllegalArgumentException("--predicted must be at least 1 VU");
    }
    List<Integer> steps = flags.containsKey("steps") ? integers(flags.get("steps"))
      : predicted != null ? aroundPrediction(predicted) : List.of(10, 25, 50, 100, 150, 200, 250);
    double[] think = range(flags.getOrDefault("think", "3-5"), "think");
    double[] batch = range(flags.getOrDefault("batch", "30-50"), "batch");
    Prices prices = flags.containsKey("prices") ? Prices.load(Path.of(flags.get("prices"))) : Prices.seoul();
    Slo slo = new Slo(number(flags, "p95", 1000), number(flags, "errors", 0.1) / 100, number(flags, "cpu", 90));
    return new SizingPlan(unit, units, steps, (int) number(flags, "repeats", 2), (int) number(flags, "warmup", 10),
      (int) number(flags, "measure", 25), (int) number(flags, "first-warmup", 30), slo, prices, (int) number(flags, "target", 200),
      number(flags, "headroom", 0.2), (int) number(flags, "latency", 40), (int) number(flags, "jitter", 20), think[0], think[1],
      (int) batch[0], (int) batch[1], predicted);
  }

  static WarmupCheck warmupCheck(Map<String, String> flags) {
    return new WarmupCheck((int) number(flags, "first-warmup", 30), (int) number(flags, "warm-window", 15),
      number(flags, "warm-tolerance", 10) / 100, (int) number(flags, "warm-limit", 300));
  }

  /** Seven levels from 0.6 to 1.4 × the prediction, so the measured crossing is bracketed at 10 % resolution near it. */
  static List<Integer> aroundPrediction(double predicted) {
    List<Integer> steps = new ArrayList<>();
    for (double factor : new double[] {0.6, 0.8, 0.9, 1.0, 1.1, 1.2, 1.4}) {
      int vus = Math.max(1, (int) Math.round(predicted * factor));
      if (!steps.contains(vus)) {
        steps.add(vus);
      }
    }
    return steps;
  }

  private static double number(Map<String, String> flags, String name, double fallback) {
    String value = flags.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " needs a number, got '" + value + "'");
    }
  }

  private static List<Integer> integers(String csv) {
    try {
      List<Integer> values = Arrays.stream(csv.split(",")).map(String::trim).map(Integer::valueOf).toList();
      for (int i = 1; i < values.size(); i++) {
        if (values.get(i) <= values.get(i - 1)) {
          throw new IllegalArgumentException("--steps must increase, got " + csv);
        }
      }
      return values;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--steps needs VU counts like 10,25,50, got '" + csv + "'");
    }
  }

  private static double[] range(String text, String name) {
    String[] parts = text.split("-");
    try {
      double min = Double.parseDouble(parts[0]);
      double max = Double.parseDouble(parts.length > 1 ? parts[1] : parts[0]);
      if (parts.length > 2 || min < 0 || max < min) {
        throw new NumberFormatException();
      }
      return new double[] {min, max};
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " needs MIN-MAX like 3-5, got '" + text + "'");
    }
  }
}
