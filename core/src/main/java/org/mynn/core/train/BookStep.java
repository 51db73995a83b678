package org.mynn.core.train;

import org.mynn.core.kernel.Kernels;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.SampleStep;
import org.mynn.core.model.TrainingSettings;

/**
 * The book's step of {@link NeuralNetwork#train}: a per-sample engine ({@link SgdEngine}) over the network's own
 * weights, with the learning rate and rule the network records ({@link TrainingSettings#of}), one thread. Found by
 * the network through {@link java.util.ServiceLoader}, so that the book's step and the trainer's are one piece of code.
 */
public final class BookStep implements SampleStep.Factory {

    @Override
    public SampleStep create(NeuralNetwork net, double[][] weights, double[][] biases, Kernels kernels) {
        // one thread: the engine starts none, so it needs no closing
        SgdEngine engine = new SgdEngine(net, weights, biases, kernels, TrainingSettings.of(net));
        return engine::step;
    }
}
