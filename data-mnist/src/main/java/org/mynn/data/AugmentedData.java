package org.mynn.data;

import java.util.List;
import org.mynn.core.augment.Augmentations;
import org.mynn.core.model.Provenance;
import org.mynn.core.train.TrainingData;

/**
 * Images distorted afresh in every epoch: {@link #forEpoch} gives a view whose image {@code i} is the original distorted
 * by the per-epoch augmentations with random numbers drawn from the seed, the epoch and {@code i}, so that every run
 * with the same seed sees the same distortions, whatever thread asks. The view of epoch 0 (before any epoch) shows the
 * images undistorted. Distorted pixels are not rounded: the network sees the resampled grey values, encoded as the
 * book encodes pixels ({@code v / 255 * 0.99 + 0.01}).
 */
public final class AugmentedData implements TrainingData {

    private final Dataset base;
    private final Augmentations augmentations;
    private final long seed;
    private final int epoch;
    private final ThreadLocal<float[][]> scratch;

    AugmentedData(Dataset base, Augmentations augmentations, long seed) {
        this(base, augmentations, seed, 0);
    }

    private AugmentedData(Dataset base, Augmentations augmentations, long seed, int epoch) {
        this.base = base;
        this.augmentations = augmentations;
        this.seed = seed;
        this.epoch = epoch;
        int p = base.pixelsPerImage();
        this.scratch = ThreadLocal.withInitial(() -> new float[][] {new float[p], new float[p], new float[p]});
    }

    /** @return the images before distortion (with any fixed copies) */
    public Dataset base() {
        return base;
    }

    /** @return the epoch this view distorts for; 0 for the undistorted images */
    public int epoch() {
        return epoch;
    }

    @Override
    public AugmentedData forEpoch(int e) {
        return e == epoch ? this : new AugmentedData(base, augmentations, seed, e);
    }

    @Override
    public String name() {
        return base.name();
    }

    @Override
    public int size() {
        return base.size();
    }

    @Override
    public int inputSize() {
        return base.inputSize();
    }

    @Override
    public int classCount() {
        return base.classCount();
    }

    @Override
    public List<String> classNames() {
        return base.classNames();
    }

    @Override
    public Provenance.DataReference reference() {
        return base.reference();
    }

    /** @return true for an epoch's view (from 1) when some augmentation distorts afresh: each input is a distortion */
    @Override
    public boolean costly() {
        return epoch != 0 && augmentations.random();
    }

    @Override
    public int label(int i) {
        return base.label(i);
    }

    @Override
    public void target(int i, double[] out) {
        base.target(i, out);
    }

    /** Writes image {@code i}, distorted for this view's epoch, as network input. */
    @Override
    public void input(int i, double[] out) {
        if (epoch == 0) {
            base.input(i, out);
            return;
        }
        float[] pic = picture(i);
        for (int j = 0; j < out.length; j++) {
            out[j] = pic[j] / 255.0 * 0.99 + 0.01;
        }
    }

    /** @return image {@code i} distorted for this view's epoch, grey values 0..255; a buffer reused by the next call */
    public float[] picture(int i) {
        float[][] s = scratch.get();
        int p = base.pixelsPerImage();
        for (int j = 0; j < p; j++) {
            s[0][j] = base.pixel(i, j);
        }
        if (epoch == 0) {
            return s[0];
        }
        augmentations.distort(s[0], s[1], s[2], base.rows(), base.cols(), seed, epoch, i);
        return s[1];
    }

    @Override
    public String toString() {
        return base + " distorted by " + augmentations.spec() + " (seed " + seed + ")";
    }
}
