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
 *
 * <p>Computed in float ({@link ElasticField}: the random fields from a counter keyed by one {@code nextLong}, the blur as
 * two small float matrix products, a branch-free bilinear read). Models trained with elastic distortions differ from
 * those of earlier versions: up to commit 191f6ba it was computed in double with one {@code nextDouble} per value, and
 * up to commit b68d50a its fields took two values from each {@code nextLong} of the picture's random numbers.
 */
public final class Elastic implements Augmentation {

    private final Kernels kernels;

    /** With the best kernels this JVM has ({@link Kernels#best()}): how {@link java.util.ServiceLoader} makes it. */
    public Elastic() {
        this(Kernels.best());
    }

    /** @param kernels what the blur's matrix products run on (every kernel gives the same bits) */
    public Elastic(Kernels kernels) {
        this.kernels = kernels;
    }

    /** Each thread's field, for the last size and settings it distorted. */
    private static final ThreadLocal<ElasticField> FIELD = new ThreadLocal<>();

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
    public void checkFits(double[] settings, int rows, int cols) {
        if (!ElasticField.fits(rows, cols)) {
            throw new org.mynn.core.MynnException(String.format(java.util.Locale.ROOT, "elastic distorts pictures of up to"
                    + " about 2,000x2,000 pixels, but these are %dx%d; shrink them, or use shift, rotate or affine", rows, cols));
        }
    }

    @Override
    public void apply(float[] src, float[] out, int rows, int cols, double[] settings, SplittableRandom random, int copy) {
        ElasticField f = field(rows, cols, settings[0], settings[1], kernels);
        f.draw(random);
        f.smooth();
        f.resample(src, out);
    }

    /**
     * The distortion for a given random field (for tests against a reference): blurs {@code u} and {@code v}, scales
     * them by {@code alpha} and resamples.
     *
     * @param u the horizontal random field, {@code rows * cols} values; not modified
     * @param v the vertical one
     */
    public void distort(float[] src, float[] out, int rows, int cols, float[] u, float[] v, double alpha, double sigma) {
        ElasticField f = field(rows, cols, alpha, sigma, kernels);
        f.set(u, v);
        f.smooth();
        f.resample(src, out);
    }

    private static ElasticField field(int rows, int cols, double alpha, double sigma, Kernels kernels) {
        ElasticField f = FIELD.get();
        if (f == null || !f.fits(rows, cols, alpha, sigma, kernels)) {
            f = new ElasticField(rows, cols, alpha, sigma, kernels);
            FIELD.set(f);
        }
        return f;
    }

    @Override
    public String description() {
        return "Simard's elastic distortion, afresh every epoch (ALPHA 34, SIGMA 4)";
    }
}
