package io.github.imageloader.sizing;

import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Gunther's Universal Scalability Law, throughput against concurrency:
 * {@code X(N) = λN / (1 + σ(N−1) + κN(N−1))} — λ the throughput of one user alone, σ contention (the share
 * that serialises), κ coherency (crosstalk that makes throughput fall past a peak). Fitted by
 * Levenberg–Marquardt from several starting points (the surface has shallow valleys), with σ kept in [0, 1]
 * and λ, κ non-negative. With κ > 0 throughput peaks at {@code N* = sqrt((1 − σ) / κ)}.
 */
public record UslFit(double lambda, double sigma, double kappa, double rSquared, int points) {

  private static final double[] SIGMA_STARTS = {0.0, 0.01, 0.1, 0.5};
  private static final double[] KAPPA_STARTS = {0.0, 1e-5, 1e-3};

  public static UslFit of(double[] n, double[] x) {
    Fits.check(n, x, 3);
    double lambdaStart = 0;
    double smallest = Double.MAX_VALUE;
    for (int i = 0; i < n.length; i++) {
      if (n[i] <= 0) {
        throw new IllegalArgumentException("concurrency must be positive, got " + n[i]);
      }
      if (n[i] < smallest) {
        smallest = n[i];
        lambdaStart = x[i] / n[i];
      }
    }
    UslFit best = null;
    double bestCost = Double.MAX_VALUE;
    for (double sigma : SIGMA_STARTS) {
      for (double kappa : KAPPA_STARTS) {
        try {
          LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
            .model(model(n))
            .target(x)
            .start(new double[] {Math.max(lambdaStart, 1e-9), sigma, kappa})
            .parameterValidator(UslFit::clamp)
            .maxEvaluations(10_000)
            .maxIterations(10_000)
            .build());
          if (optimum.getCost() < bestCost) {
            bestCost = optimum.getCost();
            RealVector p = clamp(optimum.getPoint());
            double l = p.getEntry(0);
            double s = p.getEntry(1);
            double k = p.getEntry(2);
            best = new UslFit(l, s, k, Fits.rSquared(n, x, v -> throughput(l, s, k, v)), n.length);
          }
        } catch (RuntimeException e) {
          // this start did not converge; another one will
        }
      }
    }
    if (best == null) {
      throw new IllegalArgumentException("the USL fit did not converge from any starting point");
    }
    return best;
  }

  public double throughputAt(double n) {
    return throughput(lambda, sigma, kappa, n);
  }

  /** Concurrency of peak throughput; infinite when κ is 0 (throughput only levels off, at λ/σ). */
  public double peakConcurrency() {
    return kappa <= 0 ? Double.POSITIVE_INFINITY : Math.sqrt((1 - sigma) / kappa);
  }

  public double peakThroughput() {
    double peak = peakConcurrency();
    if (Double.isInfinite(peak)) {
      return sigma <= 0 ? Double.POSITIVE_INFINITY : lambda / sigma;
    }
    return throughputAt(peak);
  }

  private static double throughput(double lambda, double sigma, double kappa, double n) {
    return lambda * n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
  }

  private static RealVector clamp(RealVector p) {
    return new ArrayRealVector(new double[] {
      Math.max(p.getEntry(0), 1e-12),
      Math.min(Math.max(p.getEntry(1), 0), 1),
      Math.max(p.getEntry(2), 0)});
  }

  private static MultivariateJacobianFunction model(double[] n) {
    return point -> {
      double lambda = point.getEntry(0);
      double sigma = point.getEntry(1);
      double kappa = point.getEntry(2);
      RealVector value = new ArrayRealVector(n.length);
      RealMatrix jacobian = new Array2DRowRealMatrix(n.length, 3);
      for (int i = 0; i < n.length; i++) {
        double users = n[i];
        double d = 1 + sigma * (users - 1) + kappa * users * (users - 1);
        value.setEntry(i, lambda * users / d);
        jacobian.setEntry(i, 0, users / d);
        jacobian.setEntry(i, 1, -lambda * users * (users - 1) / (d * d));
        jacobian.setEntry(i, 2, -lambda * users * users * (users - 1) / (d * d));
      }
      return new Pair<>(value, jacobian);
    };
  }
}
