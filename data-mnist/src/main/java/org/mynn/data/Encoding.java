package org.mynn.data;

import org.mynn.core.model.Targets;

/**
 * The one place where pixels become network input and labels become targets, exactly as the seed's driver:
 * {@code inputs = pixel / 255 * 0.99 + 0.01}, {@code targets = 0.01} everywhere but {@code 0.99} at the label.
 */
public final class Encoding {

    /** {@code pixel / 255 * 0.99 + 0.01} for every byte value, computed with exactly that arithmetic. */
    private static final double[] INPUT = new double[256];

    static {
        for (int p = 0; p < 256; p++) {
            INPUT[p] = p / 255.0 * 0.99 + 0.01;
        }
    }

    private Encoding() {
    }

    /** @return {@code pixel / 255 * 0.99 + 0.01} for a pixel 0..255 */
    public static double input(int pixel) {
        return INPUT[pixel & 0xff];
    }

    /**
     * Encodes {@code out.length} pixels starting at {@code pixels[offset]}.
     *
     * @param pixels grey values 0..255 (ink high) as unsigned bytes; not modified
     * @param out    modified: the network input
     */
    public static void inputs(byte[] pixels, int offset, double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = INPUT[pixels[offset + i] & 0xff];
        }
    }

    /** @return the network input for a whole image */
    public static double[] inputs(byte[] pixels) {
        double[] out = new double[pixels.length];
        inputs(pixels, 0, out);
        return out;
    }

    /**
     * @param out modified: {@value Targets#OFF} everywhere, {@value Targets#ON} at {@code label}
     */
    public static void target(int label, double[] out) {
        Targets.oneHot(label, out);
    }

    /** @return the targets for {@code label} among {@code classes} outputs */
    public static double[] target(int label, int classes) {
        return Targets.oneHot(label, classes);
    }
}
