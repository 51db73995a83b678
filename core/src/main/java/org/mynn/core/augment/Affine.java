package org.mynn.core.augment;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A small random affine distortion of every picture, drawn afresh each epoch: a rotation by up to {@code DEGREES}, a
 * scaling by up to {@code SCALE} (a fraction, separately in x and y) and a horizontal shear by up to {@code SHEAR}, each
 * uniform in its range, about the picture's centre, resampled bilinearly (Simard et al. 2003 and Ciresan et al. 2010
 * distort MNIST so). Defaults: {@code affine:10:0.1:0.2}.
 */
public final class Affine implements Augmentation {

    @Override
    public String name() {
        return "affine";
    }

    @Override
    public String usage() {
        return "affine[:DEGREES[:SCALE[:SHEAR]]]";
    }

    @Override
    public double[] settings(List<Double> given) {
        return Settings.fill(name(), usage(), given, new String[] {"DEGREES", "SCALE", "SHEAR"}, new double[] {10, 0.1, 0.2},
                new double[] {Settings.ZERO_OR_MORE, Settings.ZERO_OR_MORE, Settings.ZERO_OR_MORE}, new double[] {180, 0.9, 2});
    }

    @Override
    public void apply(float[] src, float[] out, int rows, int cols, double[] settings, SplittableRandom random, int copy) {
        double angle = Math.toRadians(settings[0] * (2 * random.nextDouble() - 1));
        double sx = 1 + settings[1] * (2 * random.nextDouble() - 1);
        double sy = 1 + settings[1] * (2 * random.nextDouble() - 1);
        double shear = settings[2] * (2 * random.nextDouble() - 1);
        // forward map: scale, then shear, then rotate; sample through its inverse
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double a = cos * sx;
        double b = cos * shear * sy - sin * sy;
        double c = sin * sx;
        double d = sin * shear * sy + cos * sy;
        double det = a * d - b * c;
        double ia = d / det;
        double ib = -b / det;
        double ic = -c / det;
        double id = a / det;
        double cy = (rows - 1) / 2.0;
        double cx = (cols - 1) / 2.0;
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                double u = x - cx;
                double v = y - cy;
                double srcX = cx + ia * u + ib * v;
                double srcY = cy + ic * u + id * v;
                out[y * cols + x] = Pictures.grey(Pictures.bilinear(src, rows, cols, srcY, srcX));
            }
        }
    }

    @Override
    public String description() {
        return "random rotation, scaling and shear, afresh every epoch (defaults 10 degrees, 0.1, 0.2)";
    }
}
