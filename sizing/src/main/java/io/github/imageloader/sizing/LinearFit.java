package io.github.imageloader.sizing;

/**
 * The study's first model: a resource grows in proportion to VUs, {@code y = perVu · x} (a line through the
 * origin, least squares: {@code perVu = Σxy / Σx²}). R² is the usual centred one, so it compares with
 * {@link AffineFit}'s and goes negative when a line through the origin explains less than the mean does.
 */
public record LinearFit(double perVu, double rSquared, int points) {

  public static LinearFit of(double[] x, double[] y) {
    Fits.check(x, y, 1);
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += x[i] * y[i];
      sxx += x[i] * x[i];
    }
    if (sxx == 0) {
      throw new IllegalArgumentException("a line through the origin needs at least one non-zero x");
    }
    double slope = sxy / sxx;
    return new LinearFit(slope, Fits.rSquared(x, y, v -> slope * v), x.length);
  }

  public double at(double vus) {
    return perVu * vus;
  }
}
