package org.mynn.core.train;

import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.ejml.data.DMatrixRMaj;
import org.mynn.core.kernel.Kernels;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Provenance.OptimizerState;
import org.mynn.core.model.TrainingSettings;

/**
 * What {@link Trainer} runs: {@link SgdEngine} (per sample) or {@link BatchEngine}. An engine trains its own copy of
 * a network's weights; {@link #weights()} hands them out.
 */
public interface TrainingEngine extends AutoCloseable {

    /**
     * Trains samples {@code [from, to)} in order until {@code stop} says so, finishing the step under way.
     *
     * @param done told how many samples are finished, now and then; may be null
     * @return the index after the last sample trained
     * @throws NonFiniteException when outputs stop being finite
     */
    int train(TrainingData data, int from, int to, IntConsumer done, BooleanSupplier stop);

    /** @return the weights as trained so far, one matrix per layer, copied */
    DMatrixRMaj[] weights();

    /** @return the biases as trained so far, copied; null for a network without biases */
    double[][] biases();

    /** Sets the learning rate from the next step on (a schedule changes it between epochs). */
    void setLearningRate(double lr);

    /** @return the optimizer's state, copied, for a checkpoint; null when it keeps none (the book's SGD) */
    OptimizerState optimizerState();

    /**
     * Takes over the optimizer state of a checkpoint, before training on.
     *
     * @param state null when the checkpoint holds none
     * @throws org.mynn.core.MynnException when it does not fit the optimizer or the network
     */
    void restore(OptimizerState state);

    /**
     * @return true when the engine makes costly inputs ({@link TrainingData#costly()}) itself, on its own training
     *         threads ({@link TeamInputs}), so that the trainer should not make them ahead on a thread of their own
     */
    default boolean makesInputs() {
        return false;
    }

    /** @return the sum of the loss of every sample trained so far, each measured in its forward pass */
    double lossSum();

    /** Stops the engine's threads. */
    @Override
    void close();

    /** Makes engines: the strategy {@link Trainer} picks by the settings. */
    interface Factory {

        /** @return true when this kind of engine trains with {@code settings} */
        boolean handles(TrainingSettings settings);

        /** @return an engine starting from {@code start}'s weights */
        TrainingEngine create(NeuralNetwork start, TrainingSettings settings, Kernels kernels);
    }
}
