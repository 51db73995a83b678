package org.mynn.core.augment;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The book's augmentation: two fixed copies of every picture, rotated by {@code +DEGREES} and {@code -DEGREES} about
 * its centre (bilinear, the background 0 beyond the edges), as the book's {@code scipy.ndimage.rotate(img, angle,
 * order=1, reshape=False)} makes them. {@code rotate:10} (the default) triples the training data.
 */
public final class Rotate implements Augmentation {

    @Override
    public String name() {
        return "rotate";
    }

    @Override
    public String usage() {
        return "rotate[:DEGREES]";
    }

    @Override
    public double[] settings(List<Double> given) {
        return Settings.fill(name(), usage(), given, new String[] {"DEGREES"}, new double[] {10}, new double[] {0},
                new double[] {179.999});
    }

    @Override
    public int copies(double[] settings) {
        return 2;
    }

    @Override
    public void apply(float[] src, float[] out, int rows, int cols, double[] settings, SplittableRandom random, int copy) {
        rotate(src, out, rows, cols, copy == 0 ? settings[0] : -settings[0]);
    }

    /** Rotates {@code src} by {@code degrees} about its centre, in the direction {@code scipy.ndimage.rotate} turns. */
    static void rotate(float[] src, float[] out, int rows, int cols, double degrees) {
        double t = Math.toRadians(-degrees);
        double cos = Math.cos(t);
        double sin = Math.sin(t);
        double cy = (rows - 1) / 2.0;
        double cx = (cols - 1) / 2.0;
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                double dy = y - cy;
                double dx = x - cx;
                double sy = cy + cos * dy - sin * dx;
                double sx = cx + sin * dy + cos * dx;
                out[y * cols + x] = (float) Pictures.bilinear(src, rows, cols, sy, sx);
            }
        }
    }

    @Override
    public String description() {
        return "two fixed copies rotated by +-DEGREES, the book's (rotate:10 triples the data)";
    }
}
