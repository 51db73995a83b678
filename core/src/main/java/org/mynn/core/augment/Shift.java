package org.mynn.core.augment;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Moves every picture by a whole number of pixels, drawn afresh each epoch: {@code dx} and {@code dy} each uniform in
 * {@code -N..N}; what moves in from beyond the edge is background. {@code shift:2} (the default) is a classic for
 * MNIST.
 */
public final class Shift implements Augmentation {

    @Override
    public String name() {
        return "shift";
    }

    @Override
    public String usage() {
        return "shift[:PIXELS]";
    }

    @Override
    public double[] settings(List<Double> given) {
        double[] s = Settings.fill(name(), usage(), given, new String[] {"PIXELS"}, new double[] {2},
                new double[] {0}, new double[] {1000});
        if (s[0] != Math.rint(s[0])) {
            throw new org.mynn.core.MynnException("shift's PIXELS must be a whole number but is " + s[0]);
        }
        return s;
    }

    /** A shift by more than half the picture's side moves most of its ink out of the frame. */
    @Override
    public void checkFits(double[] settings, int rows, int cols) {
        int most = Math.min(rows, cols) / 2;
        if (settings[0] > most) {
            throw new org.mynn.core.MynnException(String.format(java.util.Locale.ROOT, "shift's PIXELS is %d but a %dx%d"
                    + " picture moved by more than %d pixels loses most of its ink out of the frame; at most %d (2 is usual)",
                    (int) settings[0], rows, cols, most, most));
        }
    }

    @Override
    public void apply(float[] src, float[] out, int rows, int cols, double[] settings, SplittableRandom random, int copy) {
        int n = (int) settings[0];
        int dy = random.nextInt(2 * n + 1) - n;
        int dx = random.nextInt(2 * n + 1) - n;
        for (int y = 0; y < rows; y++) {
            int sy = y - dy;
            for (int x = 0; x < cols; x++) {
                int sx = x - dx;
                out[y * cols + x] = sy < 0 || sx < 0 || sy >= rows || sx >= cols ? 0f : src[sy * cols + sx];
            }
        }
    }

    @Override
    public String description() {
        return "moves each picture by up to PIXELS in x and y, afresh every epoch";
    }
}
