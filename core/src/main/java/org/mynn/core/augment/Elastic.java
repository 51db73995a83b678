package org.mynn.core.augment;

import java.util.List;
import java.util.SplittableRandom;
import org.mynn.core.kernel.Kernels;

/**
 * Simard, Steinkraus and Platt's elastic distortion (ICDAR 2003), drawn afresh each epoch: a random displacement for
 * every pixel, {@code dx} and {@code dy} each uniform in [-1, 1], smoothed by a Gaussian of width {@code SIGMA} and
 * scaled by {@code ALPHA}; the picture is then read at {@code (y + dy, x + dx)} with bilinear interpolation. Simard
 * used {@code elastic:34:4}, the default. In scipy: {@code dx = gaussian_filter(u, sigma) * alpha} and
 * {@code map_coordinates(img, [y + dy, x + dx], order=1, mode='grid-constant')}.
 */
public final class Elastic implements Augmentation {

    private final Kernels kernels;

    /** With the best kernels this JVM has ({@link Kernels#best()}): how {@link java.util.ServiceLoader} makes it. */
    public Elastic() {
        this(Kernels.best());
    }

    /** @param kernels what the blur runs on */
    public Elastic(Kernels kernels) {
        this.kernels = kernels;
    }

    @Override
    public String name() {
        return "elastic";
    }

    @Override
    public String usage() {
        return "elastic[:ALPHA[:SIGMA]]";
    }

    @Override
    public double[] settings(List<Double> given) {
        return Settings.fill(name(), usage(), given, new String[] {"ALPHA", "SIGMA"}, new double[] {34, 4}, new double[] {0, 0},
                new double[] {1000, 100});
    }

    @Override
    public void apply(float[] src, float[] out, int rows, int cols, double[] settings, SplittableRandom random, int copy) {
        int n = rows * cols;
        double[] dx = new double[n];
        double[] dy = new double[n];
        for (int i = 0; i < n; i++) {
            dx[i] = 2 * random.nextDouble() - 1;
        }
        for (int i = 0; i < n; i++) {
            dy[i] = 2 * random.nextDouble() - 1;
        }
        distort(src, out, rows, cols, dx, dy, settings[0], settings[1]);
    }

    /**
     * The distortion for a given random field (for tests against a reference): blurs {@code dx} and {@code dy} in
     * place, scales them by {@code alpha} and resamples.
     *
     * @param dx modified: becomes the horizontal displacement
     * @param dy modified: becomes the vertical displacement
     */
    public void distort(float[] src, float[] out, int rows, int cols, double[] dx, double[] dy, double alpha,
            double sigma) {
        Pictures.blur(dx, dy, rows, cols, kernel(sigma), kernels);
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                int i = y * cols + x;
                out[i] = Pictures.grey(Pictures.bilinear(src, rows, cols, y + alpha * dy[i], x + alpha * dx[i]));
            }
        }
    }

    /** The last kernel made, by its sigma: a run uses one. */
    private static volatile double[] lastKernel = {Double.NaN};

    private static double[] kernel(double sigma) {
        double[] k = lastKernel;
        if (k[0] != sigma) {
            double[] made = Pictures.gaussianKernel(sigma);
            k = new double[made.length + 1];
            k[0] = sigma;
            System.arraycopy(made, 0, k, 1, made.length);
            lastKernel = k;
        }
        return java.util.Arrays.copyOfRange(k, 1, k.length);
    }

    @Override
    public String description() {
        return "Simard's elastic distortion, afresh every epoch (ALPHA 34, SIGMA 4)";
    }
}
