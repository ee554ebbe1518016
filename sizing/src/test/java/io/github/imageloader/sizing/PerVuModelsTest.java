package io.github.imageloader.sizing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PerVuModelsTest {

  private static final double[] VUS = {10, 25, 50, 75, 100, 200};

  @Test
  void linearRecoversTheSlopeOfExactProportionalData() {
    double[] cpu = new double[VUS.length];
    for (int i = 0; i < VUS.length; i++) {
      cpu[i] = 0.5 * VUS[i];
    }
    LinearFit fit = LinearFit.of(VUS, cpu);
    assertThat(fit.perVu()).isCloseTo(0.5, within(1e-12));
    assertThat(fit.rSquared()).isCloseTo(1, within(1e-12));
    assertThat(fit.at(3)).isCloseTo(1.5, within(1e-12));
    assertThat(fit.points()).isEqualTo(6);
  }

  @Test
  void linearIsTheLeastSquaresLineThroughTheOrigin() {
    // y = 700 + 250x (the study's memory model) seen through the origin: slope = Σxy / Σx²
    double[] x = {2, 3, 5};
    double[] y = {1200, 1450, 1950};
    LinearFit fit = LinearFit.of(x, y);
    assertThat(fit.perVu()).isCloseTo((2 * 1200 + 3 * 1450 + 5 * 1950) / 38.0, within(1e-9));
    assertThat(fit.rSquared()).isLessThan(1);
  }

  @Test
  void affineRecoversBaseAndPerVu() {
    double[] memory = new double[VUS.length];
    for (int i = 0; i < VUS.length; i++) {
      memory[i] = 700 + 250 * VUS[i];
    }
    AffineFit fit = AffineFit.of(VUS, memory);
    assertThat(fit.base()).isCloseTo(700, within(1e-6));
    assertThat(fit.perVu()).isCloseTo(250, within(1e-9));
    assertThat(fit.rSquared()).isCloseTo(1, within(1e-12));
  }

  @Test
  void affineWithNoiseHasTheKnownLeastSquaresAnswerAndRSquaredBelowOne() {
    // residuals +1, -1, -1, +1 around y = 2 + 3x are orthogonal to 1 and x, so the fit is exactly 2 + 3x
    double[] x = {1, 2, 3, 4};
    double[] y = {6, 7, 10, 15};
    AffineFit fit = AffineFit.of(x, y);
    assertThat(fit.base()).isCloseTo(2, within(1e-9));
    assertThat(fit.perVu()).isCloseTo(3, within(1e-9));
    // SS_res = 4, SS_tot = Σ(y − 9.5)² = 12.25 + 6.25 + 0.25 + 30.25 = 49
    assertThat(fit.rSquared()).isCloseTo(1 - 4 / 49.0, within(1e-9));
  }

  @Test
  void fitsRefuseTooFewOrMismatchedPoints() {
    assertThatThrownBy(() -> AffineFit.of(new double[] {1}, new double[] {1})).hasMessageContaining("at least 2");
    assertThatThrownBy(() -> AffineFit.of(new double[] {3, 3}, new double[] {1, 2})).hasMessageContaining("two different");
    assertThatThrownBy(() -> LinearFit.of(new double[] {1, 2}, new double[] {1})).hasMessageContaining("x has 2");
    assertThatThrownBy(() -> LinearFit.of(new double[] {0}, new double[] {1})).hasMessageContaining("non-zero");
  }
}
