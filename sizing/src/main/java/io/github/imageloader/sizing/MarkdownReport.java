package io.github.imageloader.sizing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The sizing report in Markdown, with the second study's tables; the charts are files next to it. */
final class MarkdownReport {

  /** The second study's T1–T4. */
  private static final List<Integer> STUDY_VUS = List.of(10, 50, 100, 200);

  private MarkdownReport() {
  }

  static String render(SizingAnalysis analysis) {
    SizingRun run = analysis.run();
    SizingPlan plan = run.plan();
    Recommendation rec = analysis.recommendation();
    StringBuilder md = new StringBuilder();
    md.append("# Container sizing: image-batch-loader on ").append(plan.unit().describe()).append(" units\n\n");
    md.append("Made by `").append(run.command()).append("` from ").append(run.startedAt()).append(" to ").append(run.finishedAt())
      .append(" on a ").append(run.hostCpus()).append("-CPU host; load by ").append(run.loadTool()).append(", units confined by ")
      .append(run.confinement()).append(". Raw figures: `sizing-run.json`.\n\n");

    md.append("## Answer\n\n");
    md.append("- **Load tool**: ").append(run.loadTool()).append(".\n");
    md.append("- **Warm-up**: ").append(run.warmup() == null
      ? "a fixed " + plan.firstWarmupS() + " s before the first step (recorded before the warm-up was checked)"
      : run.warmup().describe()).append(".\n");
    md.append("- **SLO**: ").append(plan.slo().describe()).append(".\n");
    md.append("- **Capacity of ").append(plan.units() == 1 ? "one unit" : plan.units() + " units").append("** (")
      .append(plan.unit().describe()).append(", `docker run ").append(plan.unit().dockerFlags()).append("`): ")
      .append(analysis.capacity().describe()).append(".\n");
    if (plan.units() > 1) {
      md.append("- Per unit: ").append(Format.fixed(analysis.capacityPerUnit(), 1)).append(" VUs.\n");
    }
    if (rec.vusPerUnit() >= 1) {
      md.append(String.format("- **Recommendation**: %s units of %d VUs each (capacity %.1f less %.0f %% headroom); %d VUs need **%d units**, %s a month (%s per unit-month).%n",
        plan.unit().describe(), rec.vusPerUnit(), rec.capacityPerUnit(), rec.headroom() * 100, rec.targetVus(), rec.units(),
        Format.money(rec.monthlyCost()), Format.money(rec.unitMonthly())));
    } else {
      md.append("- **Recommendation**: none — one ").append(plan.unit().describe())
        .append(" unit holds no VU at this SLO with the headroom; size a bigger unit (`--cpus`, `--memory`).\n");
    }
    md.append("\n");

    md.append("## Method\n\n");
    boolean podman = run.confinement().startsWith("podman");
    md.append(String.format("The service runs as %d unit(s), each an `api,loader` node confined like `docker run %s` (%s; the JVM starts "
        + "with the project's `conf/jvm.options`, as `scripts/run` and the image do). The GCS emulator runs outside the units, adding %d ± %d ms first-byte latency. "
        + "Each VU repeats the study's request: `GET /images` with %d–%d random names, then thinks %s–%s s. "
        + "Steps %s VUs, walked up %d time(s); before each step %d s of the same load are not measured, then %d s are; the fresh unit is "
        + "warmed up before the first (see Answer). %s"
        + "%s%n%n",
      plan.units(), plan.unit().dockerFlags(),
      podman ? "`podman run` of the service's image, on the host's network like the cgroup units" : "cgroups as root", plan.latencyMs(), plan.jitterMs(), plan.batchMin(), plan.batchMax(),
      Format.number(plan.thinkMinS()), Format.number(plan.thinkMaxS()), plan.steps(), plan.repeats(), plan.warmupS(),
      plan.measureS(), run.warmup() == null ? "" : "The VUs persist from step to step and a step's new VUs start spread over one think "
        + "time (the same in k6 and the Java driver: k6/README.md). ", plan.units() > 1 ? "The VUs are spread evenly over the units (VU i talks to unit i mod " + plan.units() + ")." : ""));
    md.append("Resources are sampled once a second as docker stats reports them: CPU % of one vCPU from "
      + (podman ? "the container's CPU time in `podman stats` (differences between samples; podman's own CPU % is an average since the "
        + "container started), memory as `podman stats` reports it (podman 4.3 on cgroup v1 includes the page cache, which docker stats leaves out); "
        + "podman stats has no CFS throttling figures, so none are shown;"
        : "the cgroup's CPU time, memory as usage less inactive file cache;")
      + " JVM heap and GC pauses from each unit's `/metrics`. A step's latencies, failures and TPS are the "
      + "load tool's for requests sent during the step. The once-a-second `/metrics` scrape runs inside the unit and is part of its CPU.\n\n");

    md.append("## Per-step results\n\n");
    md.append("| VUs | repeat | requests | TPS | avg ms | p50 ms | p95 ms | p99 ms | max ms | failures | status codes | CPU % | throttled % | memory MB | heap MB | GC ms/s | host CPU % |\n");
    md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|\n");
    for (StepMeasurement s : run.steps()) {
      md.append(String.format("| %d | %d | %d | %s | %s | %s | %s | %s | %s | %d (%s %%) | %s | %s | %s | %s | %s | %s | %s |%n", s.vus(), s.repeat(),
        s.requests(), Format.fixed(s.tps(), 2), Format.fixed(s.avgMs(), 0), Format.fixed(s.p50Ms(), 0), Format.fixed(s.p95Ms(), 0),
        Format.fixed(s.p99Ms(), 0), Format.fixed(s.maxMs(), 0), s.failures(), Format.fixed(s.failureRate() * 100, 2), codes(s.statusCodes()),
        Format.fixed(s.cpuPercent(), 1), Format.fixed(s.throttledPercent(), 0), Format.fixed(s.memoryMb(), 0), Format.fixed(s.heapMb(), 0),
        Format.fixed(s.gcPauseMsPerS(), 1), Format.fixed(s.hostCpuPercent(), 0)));
    }
    md.append("\nThrottled %: share of the CPU scheduler's 100 ms periods in which the unit used up its quota — high means the unit's "
      + "--cpus is the limit. Host CPU %: everything the machine ran (units, emulator, load tool and anything else; 100 % = one CPU, "
      + run.hostCpus() * 100 + " % = all).\n\n");
    List<String> hostBound = hostBound(run);
    if (!hostBound.isEmpty()) {
      md.append("**Warning: the host, not the unit, was the limit in step(s) ").append(String.join(", ", hostBound))
        .append("** (host CPU at 90 % or more of the machine while the unit stayed under its CPU limit and was rarely throttled). "
          + "Their figures describe a busy machine; rerun on a quiet one.\n\n");
    }

    md.append("## Per VU level (repeats combined) against the SLO\n\n");
    double cpuLimit = plan.slo().maxCpuPercent() * plan.unit().cpus() * plan.units();
    md.append("| VUs | repeats | TPS | p50 ms | p95 ms | p99 ms | errors % | CPU % | memory MB | SLO |\n");
    md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (LevelResult l : analysis.levels()) {
      List<String> broken = SloCapacity.broken(l, plan.slo(), cpuLimit);
      md.append(String.format("| %d | %d | %s | %s | %s | %s | %s | %s | %s | %s |%n", l.vus(), l.repeats(), Format.fixed(l.tps(), 2),
        Format.fixed(l.p50Ms(), 0), Format.fixed(l.p95Ms(), 0), Format.fixed(l.p99Ms(), 0), Format.fixed(l.errorRate() * 100, 2),
        Format.fixed(l.cpuPercent(), 1), Format.fixed(l.memoryMb(), 0), broken.isEmpty() ? "met" : "broken: " + String.join(", ", broken)));
    }
    md.append("\nSLO capacity: ").append(analysis.capacity().describe())
      .append(". Read from the measured levels (level means), not from a model: linear interpolation between the last level that met every limit and the first that broke one.\n\n");

    md.append("## Per-VU needs\n\n");
    if (analysis.cpuLinear() == null) {
      md.append("Too few distinct VU levels with samples to fit the per-VU models.\n\n");
    } else {
      md.append(String.format("Fitted per unit to %d steps (%s). Linear: need = per-VU × VUs. Base + per-VU: least squares.%n%n",
        analysis.modelSteps().size(), analysis.modelStepsSaturated()
          ? "all steps: fewer than two levels stayed within the CPU limit, so saturated steps are included and per-VU CPU is understated"
          : "the steps within the SLO's CPU limit; saturated steps would understate a VU's CPU"));
      if (analysis.modelSteps().size() < 6) {
        md.append("**Fewer than 6 points**: add steps below the saturation point (`--steps`) or repeats for a firmer fit.\n\n");
      }
      md.append("| resource | linear: per VU | R² | base + per VU: base | per VU | R² |\n|---|---:|---:|---:|---:|---:|\n");
      md.append(String.format("| CPU (vCPU) | %.4f | %.3f | %.3f | %.4f | %.3f |%n", analysis.cpuLinear().perVu(), analysis.cpuLinear().rSquared(),
        analysis.cpuAffine().base(), analysis.cpuAffine().perVu(), analysis.cpuAffine().rSquared()));
      md.append(String.format("| memory (MB) | %.1f | %.3f | %.0f | %.2f | %.3f |%n%n", analysis.memoryLinear().perVu(),
        analysis.memoryLinear().rSquared(), analysis.memoryAffine().base(), analysis.memoryAffine().perVu(), analysis.memoryAffine().rSquared()));
      md.append("A JVM's memory follows its heap policy as much as its load (it grows towards its heap bound before it "
        + "collects), so the memory model describes this unit's limit, not a floor; the heap column shows what was live.\n\n");
    }

    md.append("## Scalability (Universal Scalability Law)\n\n");
    if (analysis.usl() == null) {
      md.append("No fit: ").append(analysis.uslError()).append(".\n\n");
    } else {
      UslFit usl = analysis.usl();
      md.append("X(N) = λN / (1 + σ(N−1) + κN(N−1)), fitted to every step's successful requests per second (Levenberg–Marquardt):\n\n");
      md.append("| λ (TPS of one VU) | σ (contention) | κ (coherency) | R² | peak N* = √((1−σ)/κ) | X(N*) TPS |\n|---:|---:|---:|---:|---:|---:|\n");
      md.append(String.format("| %.4f | %.4f | %.6f | %.3f | %s | %s |%n%n", usl.lambda(), usl.sigma(), usl.kappa(), usl.rSquared(),
        Double.isInfinite(usl.peakConcurrency()) ? "none (κ = 0)" : Format.fixed(usl.peakConcurrency(), 0),
        Double.isInfinite(usl.peakConcurrency()) ? Format.fixed(usl.peakThroughput(), 2) + " (limit λ/σ)" : Format.fixed(usl.peakThroughput(), 2)));
      md.append("With think time in the loop, λ is about 1 / (response time + think time); the peak says where adding VUs stops adding "
        + "throughput, which lies beyond the SLO capacity when latency breaks the SLO first.\n\n");
    }

    md.append("## Spec per VU count\n\n");
    md.append(String.format("Scale-out with the recommended units (%d VUs each), and, for comparison, one container sized by the per-VU models "
      + "(vCPU so that CPU stays at %s %% of it).%n%n", rec.vusPerUnit(), Format.number(plan.slo().maxCpuPercent())));
    md.append("| VUs | units | total vCPU / memory | monthly | one container, linear: vCPU / MB | one container, base + per VU: vCPU / MB |\n");
    md.append("|---:|---:|---|---:|---|---|\n");
    Set<Integer> counts = new LinkedHashSet<>(STUDY_VUS);
    counts.add(plan.targetVus());
    for (int vus : counts.stream().sorted().toList()) {
      int units = rec.unitsFor(vus);
      double utilisation = plan.slo().maxCpuPercent() / 100;
      md.append(String.format("| %d | %s | %s | %s | %s | %s |%n", vus, units == 0 ? "–" : Integer.toString(units),
        units == 0 ? "–" : Format.number(units * plan.unit().cpus()) + " vCPU / " + Format.number(Math.round(units * plan.unit().memoryGb() * 100) / 100.0) + " GB",
        units == 0 ? "–" : Format.money(units * rec.unitMonthly()),
        analysis.cpuLinear() == null ? "–" : String.format("%.2f / %.0f", analysis.cpuLinear().at(vus) / utilisation, analysis.memoryLinear().at(vus)),
        analysis.cpuAffine() == null ? "–" : String.format("%.2f / %.0f", analysis.cpuAffine().at(vus) / utilisation, analysis.memoryAffine().at(vus))));
    }
    md.append("\nOne container beyond the measured range is an extrapolation of the models (the USL says throughput per vCPU falls "
      + "as contention grows); scale-out by units is what was measured.\n\n");

    md.append("## Cost per TPS\n\n");
    Prices prices = plan.prices();
    md.append("Prices: ").append(prices.name()).append(" — ").append(Format.money(prices.vcpuHour())).append(" per vCPU-hour, ")
      .append(Format.money(prices.gbHour())).append(" per GB-hour, ").append(Format.number(prices.hoursPerMonth())).append(" h a month")
      .append(prices.source().isEmpty() ? "" : " (" + prices.source() + ")").append(".\n\n");
    md.append("| spec | per hour | per month | VUs | TPS | per TPS-hour |\n|---|---:|---:|---:|---:|---:|\n");
    md.append(String.format("| %s (this run, at the recommended load) | %s | %s | %d | %s | %s |%n", plan.unit().describe(),
      Format.money(rec.unitHourly()), Format.money(rec.unitMonthly()), rec.vusPerUnit(), Format.fixed(rec.tpsPerUnit(), 2),
      Format.money(rec.costPerTpsHour())));
    if (!Double.isNaN(analysis.capacity().vus()) && analysis.usl() != null && analysis.capacityPerUnit() > 0) {
      double tps = analysis.usl().throughputAt(analysis.capacity().vus()) / plan.units();
      md.append(String.format("| %s (this run, at the SLO capacity) | %s | %s | %.1f | %.2f | %s |%n", plan.unit().describe(),
        Format.money(rec.unitHourly()), Format.money(rec.unitMonthly()), analysis.capacityPerUnit(), tps,
        Format.money(prices.perTpsHour(plan.unit(), tps))));
    }
    md.append("| 1 vCPU / 1.5 GB (the second study, another service) | $0.0276 | $19.87 | 2 | ~30 | $0.00092 |\n\n");
    md.append("TPS here is the USL's throughput at that load; a TPS of this service is one batch of 30–50 images.\n\n");

    md.append("## Recommendation\n\n");
    if (rec.vusPerUnit() >= 1) {
      md.append(String.format("- Unit: **%s** — `docker run %s`, Kubernetes requests = limits = %s CPU / %dMi.%n", plan.unit().describe(),
        plan.unit().dockerFlags(), Format.number(plan.unit().cpus()), plan.unit().memoryMb()));
      md.append(String.format("- VUs per unit: **%d** = ⌊%.1f × (1 − %.2f)⌋: the measured SLO capacity less %.0f %% headroom for bursts, "
        + "noisy neighbours and one unit's share when it restarts.%n", rec.vusPerUnit(), rec.capacityPerUnit(), rec.headroom(), rec.headroom() * 100));
      md.append(String.format("- For %d VUs: **%d units**, %s a month (%s per unit: %s an hour).%n", rec.targetVus(), rec.units(),
        Format.money(rec.monthlyCost()), Format.money(rec.unitMonthly()), Format.money(rec.unitHourly())));
      md.append(String.format("- Predicted capacity of N units: N × %.1f VUs (units are independent; the VUs spread evenly). Check it with "
        + "`scripts/sizing --units 2 --predicted %.1f` (see README, Container sizing).%n%n", analysis.capacityPerUnit(), 2 * analysis.capacityPerUnit()));
    } else {
      md.append("No unit of this size holds a VU at the SLO; try a larger `--cpus` / `--memory`.\n\n");
    }

    if (plan.predictedVus() != null) {
      double error = analysis.predictionError();
      md.append("## Validation\n\n");
      md.append(String.format("Predicted capacity for %d units: %.1f VUs. Measured: %s. Error %+.1f %% — %s (±20 %% allowed).%n%n",
        plan.units(), plan.predictedVus(), analysis.capacity().describe(), error * 100,
        analysis.capacity().bound() == SloCapacity.Bound.INTERPOLATED && Math.abs(error) <= 0.2 ? "**within**" : "**not within**"));
    }

    md.append("## Charts\n\n");
    md.append("![latency](").append(Charts.LATENCY).append(")\n\n![throughput](").append(Charts.THROUGHPUT).append(")\n\n![cpu](")
      .append(Charts.CPU).append(")\n\n![memory](").append(Charts.MEMORY).append(")\n");
    return md.toString();
  }

  /** Steps where the machine was busy and the unit was not at its quota: they measured the host. */
  static List<String> hostBound(SizingRun run) {
    double cpuLimit = run.plan().slo().maxCpuPercent() * run.plan().unit().cpus() * run.plan().units();
    return run.steps().stream()
      .filter(s -> s.hostCpuPercent() >= 90.0 * run.hostCpus() && s.cpuPercent() < cpuLimit && !(s.throttledPercent() >= 20))
      .map(s -> s.vus() + " VUs (repeat " + s.repeat() + ")")
      .toList();
  }

  private static String codes(Map<String, Long> codes) {
    List<String> parts = new ArrayList<>();
    codes.forEach((code, count) -> parts.add(code + ": " + count));
    return parts.stream().collect(Collectors.joining(", "));
  }
}
