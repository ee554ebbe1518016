package io.github.imageloader.sizing;

import java.util.function.DoubleUnaryOperator;

/** What the fits share: input checks and the coefficient of determination. */
final class Fits {

  private Fits() {
  }

  static void check(double[] x, double[] y, int minimum) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("x has " + x.length + " values but y has " + y.length);
    }
    if (x.length < minimum) {
      throw new IllegalArgumentException("a fit needs at least " + minimum + " points, got " + x.length);
    }
  }

  /** 1 − SS_res / SS_tot around the mean of y; 1 when y is constant and the model hits it exactly. */
  static double rSquared(double[] x, double[] y, DoubleUnaryOperator model) {
    double mean = 0;
    for (double v : y) {
      mean += v;
    }
    mean /= y.length;
    double residual = 0;
    double total = 0;
    for (int i = 0; i < x.length; i++) {
      double error = y[i] - model.applyAsDouble(x[i]);
      residual += error * error;
      total += (y[i] - mean) * (y[i] - mean);
    }
    if (total == 0) {
      return residual == 0 ? 1 : 0;
    }
    return 1 - residual / total;
  }
}
