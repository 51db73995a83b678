package org.mynn.core.train;

/**
 * How sure a test accuracy is: the Wilson score interval of a proportion, and McNemar's exact test of whether two
 * networks differ on the same test images beyond chance.
 */
public final class Confidence {

    /** The normal quantile of a two-sided 95% interval. */
    public static final double Z95 = 1.959963984540054;

    private Confidence() {
    }

    /**
     * The Wilson score interval (Wilson 1927) of {@code right} successes in {@code n} trials: unlike the normal
     * approximation it stays inside [0, 1] and behaves near 0 and 1.
     *
     * @return {lower, upper}
     * @throws IllegalArgumentException unless {@code 0 <= right <= n} and {@code n > 0}
     */
    public static double[] wilson(long right, long n, double z) {
        if (n <= 0 || right < 0 || right > n) {
            throw new IllegalArgumentException("need 0 <= right <= n and n > 0, not " + right + " of " + n);
        }
        double p = (double) right / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new double[] {right == 0 ? 0.0 : Math.max(0, centre - half), right == n ? 1.0 : Math.min(1, centre + half)};
    }

    /** @return the 95% Wilson interval of {@code right} of {@code n} */
    public static double[] wilson95(long right, long n) {
        return wilson(right, n, Z95);
    }

    /**
     * McNemar's exact test: of the images only one of two networks gets right, {@code onlyA} by the first and
     * {@code onlyB} by the second; under "they are equally good" each such image is a fair coin.
     *
     * @return the two-sided p-value, {@code min(1, 2 P(X <= min(onlyA, onlyB)))} for X ~ Binomial(onlyA + onlyB, 1/2)
     */
    public static double mcnemar(long onlyA, long onlyB) {
        if (onlyA < 0 || onlyB < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
        long n = onlyA + onlyB;
        if (n == 0) {
            return 1.0;
        }
        long k = Math.min(onlyA, onlyB);
        // P(X <= k) by summing the pmf in log space: exact enough for the 10,000 images of a test set
        double logHalfN = n * Math.log(0.5);
        double logC = 0;
        double sum = 0;
        for (long i = 0; i <= k; i++) {
            if (i > 0) {
                logC += Math.log((double) (n - i + 1) / i);
            }
            sum += Math.exp(logC + logHalfN);
        }
        return Math.min(1.0, 2 * sum);
    }
}
