package io.github.imageloader.sizing;

import java.util.List;

/**
 * Everything the report states, derived from a run. Figures are per unit (a run of several units is
 * divided by their number). The per-VU resource models are fitted to the steps where the unit was not
 * CPU-saturated (CPU within the SLO's limit): past saturation CPU is pinned at the quota and would make a
 * VU look cheaper than it is. The USL is fitted to every step's successful TPS (failed requests are not
 * useful throughput), saturated steps included: they locate σ and κ.
 */
public record SizingAnalysis(SizingRun run, List<LevelResult> levels, SloCapacity.Result capacity, double capacityPerUnit,
                             List<StepMeasurement> modelSteps, boolean modelStepsSaturated,
                             LinearFit cpuLinear, AffineFit cpuAffine, LinearFit memoryLinear, AffineFit memoryAffine,
                             UslFit usl, String uslError, Recommendation recommendation) {

  public static SizingAnalysis of(SizingRun run) {
    SizingPlan plan = run.plan();
    int units = plan.units();
    List<LevelResult> levels = LevelResult.of(run.steps());
    SloCapacity.Result capacity = SloCapacity.of(levels, plan.slo(), plan.unit().cpus() * units);
    double cpuLimit = plan.slo().maxCpuPercent() * plan.unit().cpus() * units;
    List<StepMeasurement> usable = run.steps().stream().filter(s -> s.samples() > 0).toList();
    List<StepMeasurement> unsaturated = usable.stream().filter(s -> s.cpuPercent() <= cpuLimit).toList();
    boolean saturatedToo = unsaturated.stream().map(StepMeasurement::vus).distinct().count() < 2;
    List<StepMeasurement> modelSteps = saturatedToo ? usable : unsaturated;

    double[] vusPerUnit = modelSteps.stream().mapToDouble(s -> (double) s.vus() / units).toArray();
    double[] vcpu = modelSteps.stream().mapToDouble(s -> s.cpuPercent() / 100 / units).toArray();
    double[] memory = modelSteps.stream().mapToDouble(s -> s.memoryMb() / units).toArray();
    boolean enough = modelSteps.stream().map(StepMeasurement::vus).distinct().count() >= 2;

    UslFit usl = null;
    String uslError = null;
    try {
      usl = UslFit.of(run.steps().stream().mapToDouble(StepMeasurement::vus).toArray(),
        run.steps().stream().mapToDouble(StepMeasurement::goodput).toArray());
    } catch (IllegalArgumentException e) {
      uslError = e.getMessage();
    }
    double perUnit = capacity.vus() / units;
    return new SizingAnalysis(run, levels, capacity, perUnit, modelSteps, saturatedToo,
      enough ? LinearFit.of(vusPerUnit, vcpu) : null, enough ? AffineFit.of(vusPerUnit, vcpu) : null,
      enough ? LinearFit.of(vusPerUnit, memory) : null, enough ? AffineFit.of(vusPerUnit, memory) : null,
      usl, uslError,
      Recommendation.of(plan.unit(), perUnit, plan.headroom(), plan.targetVus(), plan.prices(), usl, units));
  }

  /** Validation runs: measured capacity over the predicted one, minus 1 (−0.1 = 10 % below); NaN otherwise. */
  public double predictionError() {
    Double predicted = run.plan().predictedVus();
    return predicted == null ? Double.NaN : capacity.vus() / predicted - 1;
  }
}
