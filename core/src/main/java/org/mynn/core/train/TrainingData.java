package org.mynn.core.train;

import org.mynn.core.model.Provenance;

/** Labelled samples a network learns from or is tested on; implemented by the data module's datasets. */
public interface TrainingData {

    /** @return a name for people, e.g. "mnist/train" */
    String name();

    /** @return the number of samples */
    int size();

    /** @return values per input */
    int inputSize();

    /** @return the number of classes, i.e. of outputs */
    int classCount();

    /** Writes sample {@code i}'s network input into {@code out} ({@link #inputSize()} values). */
    void input(int i, double[] out);

    /** Writes sample {@code i}'s targets into {@code out} ({@link #classCount()} values). */
    void target(int i, double[] out);

    /** @return sample {@code i}'s class */
    int label(int i);

    /**
     * @return where the samples came from, to record in a model's provenance and to load them again when a
     *         checkpoint is resumed; null when unknown (data made in memory)
     */
    default Provenance.DataReference reference() {
        return null;
    }

    /**
     * The samples as epoch {@code epoch} (from 1) sees them: by default these very samples; data augmented afresh every
     * epoch (e.g. elastic distortions) gives that epoch's distortions, drawn from its seed and the epoch so that a run
     * repeats exactly.
     */
    default TrainingData forEpoch(int epoch) {
        return this;
    }

    /**
     * @return true when making an input costs real work (an image distorted afresh every epoch), so that the trainer
     *         makes the inputs ahead on a thread of its own; false, the default, when an input is a copy
     */
    default boolean costly() {
        return false;
    }

    /** @return the class names, index = label; by default "0", "1", ... */
    default java.util.List<String> classNames() {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int k = 0; k < classCount(); k++) {
            names.add(Integer.toString(k));
        }
        return names;
    }
}
