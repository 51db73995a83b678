package org.mynn.core.train;

import org.mynn.core.BatchEngine;
import org.mynn.core.MynnException;
import org.mynn.core.NeuralNetwork;
import org.mynn.core.Precision;
import org.mynn.core.SgdEngine;
import org.mynn.core.kernel.Kernels;
import org.mynn.core.TrainingFacts;

/**
 * The book's training: {@code epochs} passes over the training samples in their order, one step of
 * {@link SgdEngine} per sample (bit for bit {@link NeuralNetwork#train} on each, with any number of threads);
 * after each epoch the network is tested (when a test set is given) and the epoch recorded in the
 * network's {@link TrainingFacts}.
 */
public final class Trainer {

    private final TrainingListener listener;
    private final TrainingOptions options;

    /** The book's training: one thread, double, per sample. */
    public Trainer(TrainingListener listener) {
        this(listener, TrainingOptions.DEFAULT);
    }

    public Trainer(TrainingListener listener, TrainingOptions options) {
        this.listener = listener;
        this.options = options;
    }

    /**
     * Trains {@code net} in place.
     *
     * @param test may be null: then accuracy is not measured
     * @return the network's facts, updated
     */
    public TrainingFacts fit(NeuralNetwork net, TrainingData train, TrainingData test, int epochs) {
        Evaluator.checkFits(net, train);
        if (test != null) {
            Evaluator.checkFits(net, test);
        }
        TrainingFacts facts = net.facts();
        int done = facts.getEpochs() == null ? 0 : facts.getEpochs();
        facts.setPrecision(options.precision().label());
        facts.setBatch(options.batch());
        if (options.batch() > 1) {
            if (options.precision() != Precision.DOUBLE) {
                throw new MynnException("mini-batch training runs in double only; leave out the float precision");
            }
            try (BatchEngine engine = new BatchEngine(net, Kernels.DEFAULT, options.batch(), options.threads())) {
                for (int e = 1; e <= epochs; e++) {
                    listener.epochStarted(e, epochs, train.size());
                    long start = System.nanoTime();
                    engine.train(train, 0, train.size(), listener::samplesDone);
                    record(net, train, test, done + e, (System.nanoTime() - start) / 1e9);
                }
            }
            return facts;
        }
        try (SgdEngine engine = new SgdEngine(net, Kernels.DEFAULT, options.precision(), options.threads())) {
            for (int e = 1; e <= epochs; e++) {
                listener.epochStarted(e, epochs, train.size());
                long start = System.nanoTime();
                engine.train(train, 0, train.size(), listener::samplesDone);
                engine.writeBack();
                record(net, train, test, done + e, (System.nanoTime() - start) / 1e9);
            }
        }
        return facts;
    }

    /** Measures the network after an epoch and writes the epoch into its facts. */
    private void record(NeuralNetwork net, TrainingData train, TrainingData test, int epochNumber, double seconds) {
        TrainingFacts facts = net.facts();
        Evaluation eval = test == null ? null : Evaluator.evaluate(net, test, options.threads());
        TrainingFacts.Epoch epoch = new TrainingFacts.Epoch(epochNumber, eval == null ? null : eval.accuracy(),
                eval == null ? null : eval.mse(), Math.round(seconds * 1000) / 1000.0);
        facts.getHistory().add(epoch);
        facts.setEpochs(epochNumber);
        facts.setSamplesSeen((facts.getSamplesSeen() == null ? 0 : facts.getSamplesSeen()) + train.size());
        if (eval != null) {
            facts.setAccuracy(eval.accuracy());
        }
        facts.setDataset(train.name());
        facts.setClasses(train.classNames());
        listener.epochFinished(epoch);
    }
}
