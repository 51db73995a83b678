package org.mynn.core.model;

import org.mynn.core.MynnException;

/**
 * How to train: what the arithmetic is (learning rate, backpropagation rule, precision, batch) and how it runs
 * (threads). Immutable; the trainer takes one.
 *
 * @param learningRate positive and finite; the book's 0.1 by default
 * @param rule         the error each layer sends back ({@link BackpropRule#BOOK} by default)
 * @param precision    double (the seed's numbers) or float
 * @param batch        1 for the book's per-sample SGD; more for mini-batch gradient descent with the gradient
 *                     averaged over {@code batch} samples
 * @param threads      threads for the per-sample engine (the first matrix's rows are shared out) or the mini-batch
 *                     kernels; results do not depend on it
 */
public record TrainingSettings(double learningRate, BackpropRule rule, Precision precision, int batch, int threads) {

    /** The most threads a run may use. */
    public static final int MAX_THREADS = 256;

    /** @throws MynnException naming the first value out of range */
    public TrainingSettings {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new MynnException("learning rate must be a positive finite number but found " + learningRate);
        }
        if (rule == null || precision == null) {
            throw new MynnException("a backpropagation rule and a precision must be given");
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new MynnException("threads must be from 1 to " + MAX_THREADS + " but is " + threads);
        }
        if (batch < 1) {
            throw new MynnException("batch must be at least 1 but is " + batch);
        }
        if (batch > 1 && precision != Precision.DOUBLE) {
            throw new MynnException("mini-batch training runs in double only; leave out the float precision");
        }
    }

    /** The book's training of {@code net}: its learning rate and rule, double, per sample, one thread. */
    public static TrainingSettings of(NeuralNetwork net) {
        return new TrainingSettings(net.learningRate(), net.rule(), Precision.DOUBLE, 1, 1);
    }

    public TrainingSettings withLearningRate(double lr) {
        return new TrainingSettings(lr, rule, precision, batch, threads);
    }

    public TrainingSettings withPrecision(Precision p) {
        return new TrainingSettings(learningRate, rule, p, batch, threads);
    }

    public TrainingSettings withBatch(int b) {
        return new TrainingSettings(learningRate, rule, precision, b, threads);
    }

    public TrainingSettings withThreads(int t) {
        return new TrainingSettings(learningRate, rule, precision, batch, t);
    }
}
