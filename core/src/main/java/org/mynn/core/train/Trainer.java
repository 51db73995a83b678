package org.mynn.core.train;

import org.mynn.core.BatchEngine;
import org.mynn.core.MynnException;
import org.mynn.core.NeuralNetwork;
import org.mynn.core.NonFiniteException;
import org.mynn.core.Precision;
import org.mynn.core.SgdEngine;
import org.mynn.core.TrainingEngine;
import org.mynn.core.TrainingFacts;
import org.mynn.core.kernel.Kernels;

/**
 * The book's training: {@code epochs} passes over the training samples in their order, one step of
 * {@link SgdEngine} per sample (bit for bit {@link NeuralNetwork#train} on each, with any number of threads), or
 * of {@link BatchEngine} per mini-batch; after each epoch the network is tested (when a test set is given) and the
 * epoch recorded in the network's {@link TrainingFacts}, numbered after the epochs the network already had.
 *
 * <p>A run can start from a {@link TrainingPosition} (to continue from a checkpoint: the result is bit for bit the
 * run that was never interrupted), save checkpoints as it goes and stop when asked ({@link TrainingControl}).
 * Outputs or weights that stop being finite end it with a {@link TrainingDivergedException}.
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
     * Trains {@code net} in place from the start.
     *
     * @param test may be null: then accuracy is not measured
     * @return the network's facts, updated
     */
    public TrainingFacts fit(NeuralNetwork net, TrainingData train, TrainingData test, int epochs) {
        fit(net, train, test, epochs, TrainingPosition.START, TrainingControl.none());
        return net.facts();
    }

    /**
     * Trains {@code net} in place from {@code start} until {@code epochs} epochs are done or {@code control} asks to
     * stop.
     *
     * @return where it got to: {@code (epochs, 0)} when finished
     * @throws TrainingDivergedException when outputs or weights stop being finite
     */
    public TrainingPosition fit(NeuralNetwork net, TrainingData train, TrainingData test, int epochs,
            TrainingPosition start, TrainingControl control) {
        Evaluator.checkFits(net, train);
        if (test != null) {
            Evaluator.checkFits(net, test);
        }
        if (options.batch() > 1 && options.precision() != Precision.DOUBLE) {
            throw new MynnException("mini-batch training runs in double only; leave out the float precision");
        }
        if (start.samplesDone() > train.size()) {
            throw new MynnException("cannot continue at sample " + start.samplesDone() + " of " + train.name()
                    + ", which has " + train.size());
        }
        TrainingFacts facts = net.facts();
        facts.setPrecision(options.precision().label());
        facts.setBatch(options.batch());
        int before = facts.getEpochs() == null ? 0 : facts.getEpochs();
        int offset = Math.max(0, before - start.epochsDone());
        try (TrainingEngine engine = engine(net)) {
            return run(net, engine, train, test, epochs, start, control, offset);
        }
    }

    private TrainingPosition run(NeuralNetwork net, TrainingEngine engine, TrainingData train, TrainingData test, int epochs,
            TrainingPosition start, TrainingControl control, int offset) {
        int n = train.size();
        long runSamples = 0;
        TrainingPosition pos = start;
        while (pos.epochsDone() < epochs) {
            int epoch = pos.epochsDone() + 1;
            listener.epochStarted(epoch, epochs, n);
            long began = System.nanoTime();
            int from = pos.samplesDone();
            while (from < n) {
                int to = n;
                if (control.everySamples() > 0) {
                    long untilNext = control.everySamples() - runSamples % control.everySamples();
                    to = (int) Math.min(n, from + untilNext);
                }
                int reached;
                final int chunkStart = from;
                try {
                    reached = engine.train(train, from, to, done -> listener.samplesDone(chunkStart + done),
                            control::stopRequested);
                } catch (NonFiniteException e) {
                    throw new TrainingDivergedException(epoch, e.sample(), net.learningRate(), "the network's outputs became"
                            + " NaN or infinite");
                }
                runSamples += reached - from;
                from = reached;
                engine.writeBack();
                checkWeights(net, epoch, from);
                if (control.stopRequested()) {
                    TrainingPosition at = from == n ? finishEpoch(net, train, test, epoch, offset, began)
                            : new TrainingPosition(epoch - 1, from);
                    control.checkpoint(net, at);
                    return at;
                }
                if (from < n && control.everySamples() > 0 && runSamples % control.everySamples() == 0) {
                    control.checkpoint(net, new TrainingPosition(epoch - 1, from));
                }
            }
            pos = finishEpoch(net, train, test, epoch, offset, began);
            boolean dueBySamples = control.everySamples() > 0 && runSamples % control.everySamples() == 0;
            boolean dueByEpochs = control.everyEpochs() > 0 && epoch % control.everyEpochs() == 0;
            if ((dueBySamples || dueByEpochs) && epoch < epochs) {
                control.checkpoint(net, pos);
            }
        }
        return pos;
    }

    private TrainingPosition finishEpoch(NeuralNetwork net, TrainingData train, TrainingData test, int epoch, int offset,
            long began) {
        record(net, train, test, offset + epoch, (System.nanoTime() - began) / 1e9);
        return new TrainingPosition(epoch, 0);
    }

    private static void checkWeights(NeuralNetwork net, int epoch, int sample) {
        if (!net.isFinite()) {
            throw new TrainingDivergedException(epoch, sample, net.learningRate(), "the weights became NaN or infinite");
        }
    }

    private TrainingEngine engine(NeuralNetwork net) {
        return options.batch() > 1 ? new BatchEngine(net, Kernels.DEFAULT, options.batch(), options.threads())
                : new SgdEngine(net, Kernels.DEFAULT, options.precision(), options.threads());
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
