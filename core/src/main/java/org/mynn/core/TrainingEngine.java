package org.mynn.core;

import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.mynn.core.train.TrainingData;

/** What {@link org.mynn.core.train.Trainer} runs: {@link SgdEngine} (per sample) or {@link BatchEngine}. */
public interface TrainingEngine extends AutoCloseable {

    /**
     * Trains samples {@code [from, to)} in order until {@code stop} says so, finishing the step under way.
     *
     * @param done told how many samples are finished, now and then; may be null
     * @return the index after the last sample trained
     * @throws NonFiniteException when outputs stop being finite
     */
    int train(TrainingData data, int from, int to, IntConsumer done, BooleanSupplier stop);

    /** Makes the network's weights the trained ones (for engines that work on a copy). */
    void writeBack();

    /** Stops the engine's threads. */
    @Override
    void close();
}
