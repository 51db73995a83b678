package org.mynn.core.train;

import java.util.List;
import org.mynn.core.model.Provenance;

/**
 * Training data seen through a wrapper that changes how inputs are made or which sample an index names, and nothing
 * else: its name, sizes, classes and provenance are the wrapped data's. {@link Shuffled} reorders the samples;
 * {@link TeamInputs} and {@link Prefetch}'s views make the inputs ahead.
 */
abstract class DataView implements TrainingData {

    /** The wrapped data. */
    protected final TrainingData data;

    DataView(TrainingData data) {
        this.data = data;
    }

    /** @return the index in the wrapped data of this view's sample {@code i}; by default {@code i} itself */
    int source(int i) {
        return i;
    }

    @Override
    public void input(int i, double[] out) {
        data.input(source(i), out);
    }

    @Override
    public void target(int i, double[] out) {
        data.target(source(i), out);
    }

    @Override
    public int label(int i) {
        return data.label(source(i));
    }

    @Override
    public String name() {
        return data.name();
    }

    @Override
    public int size() {
        return data.size();
    }

    @Override
    public int inputSize() {
        return data.inputSize();
    }

    @Override
    public int classCount() {
        return data.classCount();
    }

    @Override
    public boolean costly() {
        return data.costly();
    }

    @Override
    public Provenance.DataReference reference() {
        return data.reference();
    }

    @Override
    public List<String> classNames() {
        return data.classNames();
    }
}
