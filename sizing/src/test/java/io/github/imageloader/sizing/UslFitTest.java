package io.github.imageloader.sizing;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class UslFitTest {

  private static final double[] N = {1, 10, 25, 50, 75, 100, 150, 200};

  private static double usl(double lambda, double sigma, double kappa, double n) {
    return lambda * n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
  }

  @Test
  void recoversKnownParametersFromExactData() {
    double[] x = new double[N.length];
    for (int i = 0; i < N.length; i++) {
      x[i] = usl(0.25, 0.02, 0.0001, N[i]);
    }
    UslFit fit = UslFit.of(N, x);
    assertThat(fit.lambda()).isCloseTo(0.25, within(1e-6));
    assertThat(fit.sigma()).isCloseTo(0.02, within(1e-6));
    assertThat(fit.kappa()).isCloseTo(0.0001, within(1e-8));
    assertThat(fit.rSquared()).isCloseTo(1, within(1e-9));
    // N* = sqrt((1 - 0.02) / 0.0001) = 98.99
    assertThat(fit.peakConcurrency()).isCloseTo(Math.sqrt(0.98 / 0.0001), within(1e-2));
    assertThat(fit.peakThroughput()).isCloseTo(usl(0.25, 0.02, 0.0001, Math.sqrt(9800)), within(1e-4));
  }

  @Test
  void recoversParametersFromNoisyRepeatedSteps() {
    Random random = new Random(42);
    double[] n = new double[N.length * 2];
    double[] x = new double[n.length];
    for (int i = 0; i < n.length; i++) {
      n[i] = N[i % N.length];
      x[i] = usl(4.0, 0.05, 0.0002, n[i]) * (1 + 0.01 * random.nextGaussian());
    }
    UslFit fit = UslFit.of(n, x);
    assertThat(fit.lambda()).isCloseTo(4.0, within(0.1));
    assertThat(fit.sigma()).isCloseTo(0.05, within(0.01));
    assertThat(fit.kappa()).isCloseTo(0.0002, within(0.00005));
    assertThat(fit.rSquared()).isGreaterThan(0.99);
  }

  @Test
  void linearScalingHasNoPeak() {
    double[] x = new double[N.length];
    for (int i = 0; i < N.length; i++) {
      x[i] = 0.25 * N[i];
    }
    UslFit fit = UslFit.of(N, x);
    assertThat(fit.sigma()).isCloseTo(0, within(1e-6));
    assertThat(fit.kappa()).isCloseTo(0, within(1e-9));
    assertThat(fit.throughputAt(40)).isCloseTo(10, within(1e-4));
  }

  @Test
  void contentionOnlyLevelsOffAtLambdaOverSigma() {
    double[] x = new double[N.length];
    for (int i = 0; i < N.length; i++) {
      x[i] = usl(1, 0.1, 0, N[i]);
    }
    UslFit fit = UslFit.of(N, x);
    assertThat(fit.kappa()).isCloseTo(0, within(1e-9));
    assertThat(fit.peakConcurrency()).isInfinite();
    assertThat(fit.peakThroughput()).isCloseTo(10, within(1e-3));
  }

  @Test
  void refusesTooFewPointsAndNonPositiveConcurrency() {
    assertThatThrownBy(() -> UslFit.of(new double[] {1, 2}, new double[] {1, 2})).hasMessageContaining("at least 3");
    assertThatThrownBy(() -> UslFit.of(new double[] {0, 1, 2}, new double[] {0, 1, 2})).hasMessageContaining("positive");
  }
}
