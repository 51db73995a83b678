package org.mynn.core.model;

import org.mynn.core.kernel.Kernels;

/**
 * The book's stochastic gradient descent on one sample, on a network's own weights, in place: what
 * {@link NeuralNetwork#train} runs. The training package's per-sample engine is the one implementation
 * ({@code org.mynn.core.train.BookStep} over {@code SgdEngine}), so that the book's step and the trainer's are one
 * piece of code, not two to keep bit-identical; since the model may not depend on the trainer, the network finds it
 * through {@link java.util.ServiceLoader} ({@code META-INF/services/org.mynn.core.model.SampleStep$Factory}).
 */
public interface SampleStep {

    /**
     * One step on one sample.
     *
     * @param inputs  one value per input node; not modified
     * @param targets one value per output node, taken as they are; not modified
     */
    void train(double[] inputs, double[] targets);

    /** Makes the step of a network. */
    interface Factory {

        /**
         * @param net     the network: its shape, activations, loss, learning rate and rule ({@link TrainingSettings#of})
         * @param weights the network's own weight arrays, row-major, one per matrix: trained in place
         * @param biases  the network's own bias vectors, trained in place; null without biases
         */
        SampleStep create(NeuralNetwork net, double[][] weights, double[][] biases, Kernels kernels);
    }
}
