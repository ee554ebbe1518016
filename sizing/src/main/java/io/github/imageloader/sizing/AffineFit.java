package io.github.imageloader.sizing;

import org.apache.commons.math3.stat.regression.SimpleRegression;

/** The study's second model: a base plus a per-VU share, {@code y = base + perVu · x}, by ordinary least squares. */
public record AffineFit(double base, double perVu, double rSquared, int points) {

  public static AffineFit of(double[] x, double[] y) {
    Fits.check(x, y, 2);
    SimpleRegression regression = new SimpleRegression(true);
    for (int i = 0; i < x.length; i++) {
      regression.addData(x[i], y[i]);
    }
    double slope = regression.getSlope();
    if (Double.isNaN(slope)) {
      throw new IllegalArgumentException("base + per-VU needs at least two different VU counts");
    }
    double intercept = regression.getIntercept();
    return new AffineFit(intercept, slope, Fits.rSquared(x, y, v -> intercept + slope * v), x.length);
  }

  public double at(double vus) {
    return base + perVu * vus;
  }
}
