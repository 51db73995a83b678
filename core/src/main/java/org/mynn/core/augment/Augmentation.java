package org.mynn.core.augment;

import java.util.List;
import java.util.SplittableRandom;
import org.mynn.core.MynnException;
import org.mynn.core.Plugin;

/**
 * A way to make more training pictures from the pictures themselves: the fourth kind of mynn's plugins. Either it adds
 * fixed copies of every picture once, before training (the book's rotated copies, {@link #copies}), or it distorts
 * every picture afresh in every epoch (shifts, affine and elastic distortions), each draw taken from a random source
 * seeded by the run's seed, the epoch and the picture, so that a run repeats exactly.
 *
 * <p>Pictures are grey values from 0 (background) to 255 (ink), row-major, as MNIST's. Found by
 * {@link java.util.ServiceLoader} ({@code META-INF/services/org.mynn.core.augment.Augmentation}), named in the training
 * data's reference with its settings (e.g. {@code elastic:34:4}), checked by {@link AugmentationContract}.
 */
public interface Augmentation extends Plugin {

    /** @return how it is written with its settings, e.g. "elastic[:ALPHA[:SIGMA]]" */
    String usage();

    /**
     * @param given the numbers after its name ({@code elastic:34:4} gives {34, 4}); may be empty
     * @return its settings with the defaults filled in
     * @throws MynnException naming the setting that is missing or out of range
     */
    double[] settings(List<Double> given);

    /**
     * @return how many fixed copies of every picture it adds before training (the book's {@code rotate}: 2); 0, the
     *         default, when it distorts every picture afresh in every epoch instead
     */
    default int copies(double[] settings) {
        return 0;
    }

    /**
     * Checks that settings suit pictures of this size (a shift by more pixels than the picture has leaves it blank);
     * by default any settings do.
     *
     * @throws MynnException naming the setting and the most it may be for this size
     */
    default void checkFits(double[] settings, int rows, int cols) {
    }

    /**
     * Distorts one picture.
     *
     * @param src    {@code rows * cols} grey values 0..255; not modified
     * @param out    modified: the distorted picture, values 0..255
     * @param random this picture's own random numbers (for this epoch, or this copy)
     * @param copy   for fixed copies, which one ({@code 0 .. copies - 1}); 0 otherwise
     */
    void apply(float[] src, float[] out, int rows, int cols, double[] settings, SplittableRandom random, int copy);
}
