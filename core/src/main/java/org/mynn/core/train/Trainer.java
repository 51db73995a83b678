package org.mynn.core.train;

import org.mynn.core.NeuralNetwork;
import org.mynn.core.TrainingFacts;

/**
 * The book's training: {@code epochs} passes over the training samples in their order, one {@code train} step per
 * sample; after each epoch the network is tested (when a test set is given) and the epoch recorded in the
 * network's {@link TrainingFacts}.
 */
public final class Trainer {

    /** How often {@link TrainingListener#samplesDone} is called. */
    static final int REPORT_EVERY = 1000;

    private final TrainingListener listener;

    public Trainer(TrainingListener listener) {
        this.listener = listener;
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
        double[] x = new double[train.inputSize()];
        double[] t = new double[train.classCount()];
        int done = facts.getEpochs() == null ? 0 : facts.getEpochs();
        for (int e = 1; e <= epochs; e++) {
            listener.epochStarted(e, epochs, train.size());
            long start = System.nanoTime();
            for (int i = 0; i < train.size(); i++) {
                train.input(i, x);
                train.target(i, t);
                net.train(x, t);
                if ((i + 1) % REPORT_EVERY == 0) {
                    listener.samplesDone(i + 1);
                }
            }
            listener.samplesDone(train.size());
            double seconds = (System.nanoTime() - start) / 1e9;
            Evaluation eval = test == null ? null : Evaluator.evaluate(net, test);
            TrainingFacts.Epoch epoch = new TrainingFacts.Epoch(done + e, eval == null ? null : eval.accuracy(),
                    eval == null ? null : eval.mse(), Math.round(seconds * 1000) / 1000.0);
            facts.getHistory().add(epoch);
            facts.setEpochs(done + e);
            facts.setSamplesSeen((facts.getSamplesSeen() == null ? 0 : facts.getSamplesSeen()) + train.size());
            if (eval != null) {
                facts.setAccuracy(eval.accuracy());
            }
            facts.setDataset(train.name());
            facts.setClasses(train.classNames());
            listener.epochFinished(epoch);
        }
        return facts;
    }
}
