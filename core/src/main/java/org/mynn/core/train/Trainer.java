package org.mynn.core.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mynn.core.Memory;
import org.mynn.core.MynnException;
import org.mynn.core.kernel.Kernels;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Order;
import org.mynn.core.model.Precision;
import org.mynn.core.model.Provenance;
import org.mynn.core.model.Targets;
import org.mynn.core.model.TrainingSettings;

/**
 * The book's training over a dataset: {@code epochs} passes over the training samples (in their order, or in a fresh
 * order each epoch when the settings say {@link Order#SHUFFLE}), with the
 * settings it was made with: one step of {@link SgdEngine} per sample (bit for bit {@link NeuralNetwork#train} on
 * each, with any number of threads), or of {@link BatchEngine} per mini-batch; the engine is the first of
 * {@link #ENGINES} that handles the settings. After each epoch the network is tested (when a test set is given)
 * and the epoch recorded in its {@link Provenance}, numbered after the epochs the network already had.
 *
 * <p>Before each epoch the learning rate is set by the settings' schedule and the training data is asked for that
 * epoch's samples ({@link TrainingData#forEpoch}: augmentations drawn afresh). With validation data (images held out
 * of training) each epoch is measured on it too, and the best network so far is kept ({@link Outcome#best()}) and
 * handed to {@link TrainingControl} as it improves.
 *
 * <p>The network given is never changed: training returns a new one. A run can start from a
 * {@link TrainingPosition} (to continue from a checkpoint: the result is bit for bit the run that was never
 * interrupted; a network that is a checkpoint brings its optimizer's state), save checkpoints as it goes and stop
 * when asked ({@link TrainingControl}). Outputs or weights that stop being finite end it with a
 * {@link TrainingDivergedException}.
 */
public final class Trainer {

    /**
     * Where the provenance records learning rates changed while a run went on (the training lab): a list of
     * {@code {"epoch", "sample", "learningRate"}}, the rate from that sample of that epoch on.
     */
    public static final String RATE_CHANGES = "learningRateChanges";

    /**
     * Where the provenance records samples a paused run trained by hand (the training lab's "take this step",
     * {@link TrainingControl#trainSample}): a list of {@code {"epoch", "sample", "label"}}, each trained before that
     * sample of that epoch.
     */
    public static final String HAND_SAMPLES = "samplesByHand";

    /** The engines, in the order they are asked whether they handle the settings. */
    public static final List<TrainingEngine.Factory> ENGINES = List.of(SgdEngine.FACTORY, BatchEngine.FACTORY);

    /**
     * What a run gives: the trained network, where the run got to ({@code (epochs, 0)} when it finished), and the
     * network of the epoch with the best validation accuracy of this run (null without validation data, or when no
     * epoch of this run beat the best recorded before it).
     */
    public record Outcome(NeuralNetwork network, TrainingPosition position, NeuralNetwork best) {
    }

    /**
     * The data of a run.
     *
     * @param train      what it learns from
     * @param validation images held out of training, measured after every epoch; may be null
     * @param test       the test set, measured after every epoch; may be null
     */
    public record Sets(TrainingData train, TrainingData validation, TrainingData test) {
    }

    private final TrainingSettings settings;
    private final TrainingListener listener;
    private final Kernels kernels;
    private final boolean ahead;

    public Trainer(TrainingSettings settings, TrainingListener listener) {
        this(settings, listener, Kernels.best());
    }

    public Trainer(TrainingSettings settings, TrainingListener listener, Kernels kernels) {
        this(settings, listener, kernels, !"false".equals(System.getProperty("mynn.ahead")));
    }

    private Trainer(TrainingSettings settings, TrainingListener listener, Kernels kernels, boolean ahead) {
        this.settings = settings;
        this.listener = listener;
        this.kernels = kernels;
        this.ahead = ahead;
    }

    /**
     * @return this trainer, making inputs that cost work ({@link TrainingData#costly()}) ahead on a thread of their own
     *         ({@link Prefetch}) or not: the same bits either way; on unless the system property mynn.ahead is false
     */
    public Trainer ahead(boolean on) {
        return new Trainer(settings, listener, kernels, on);
    }

    /** @return the settings it trains with */
    public TrainingSettings settings() {
        return settings;
    }

    /**
     * Trains a copy of {@code net} from the start.
     *
     * @param test may be null: then accuracy is not measured
     * @return the trained network
     */
    public NeuralNetwork fit(NeuralNetwork net, TrainingData train, TrainingData test, int epochs) {
        return fit(net, train, test, epochs, TrainingPosition.START, TrainingControl.none()).network();
    }

    /**
     * Trains a copy of {@code net} from {@code start} until {@code epochs} epochs are done or {@code control} asks to
     * stop.
     *
     * @return the network as trained, and where it got to: {@code (epochs, 0)} when finished
     * @throws TrainingDivergedException when outputs or weights stop being finite
     */
    public Outcome fit(NeuralNetwork net, TrainingData train, TrainingData test, int epochs, TrainingPosition start,
            TrainingControl control) {
        return fit(net, new Sets(train, null, test), epochs, start, control);
    }

    /**
     * Trains a copy of {@code net} on {@code sets} from {@code start} until {@code epochs} epochs are done or
     * {@code control} asks to stop.
     *
     * @return the network as trained, where it got to, and the best by validation
     * @throws TrainingDivergedException when outputs or weights stop being finite
     */
    public Outcome fit(NeuralNetwork net, Sets sets, int epochs, TrainingPosition start, TrainingControl control) {
        TrainingData train = sets.train();
        TrainingData test = sets.test();
        Evaluator.checkFits(net, train);
        if (test != null) {
            Evaluator.checkFits(net, test);
        }
        if (sets.validation() != null) {
            Evaluator.checkFits(net, sets.validation());
        }
        long n = net.weightCount();
        Memory.require(n * (settings.precision() == Precision.FLOAT ? 4 : 8) + 16 * n,
                String.format(Locale.ROOT, "training a %s network (%,d weights) and its snapshots", net.shape(), n));
        if (start.samplesDone() > train.size()) {
            throw new MynnException("cannot continue at sample " + start.samplesDone() + " of " + train.name()
                    + ", which has " + train.size());
        }
        Provenance.Checkpoint saved = net.provenance().checkpoint();
        Provenance p = net.provenance().toBuilder().rule(settings.rule())
                .order(settings.order() == Order.FILE ? null : settings.order()).precision(settings.precision())
                .batch(settings.batch()).optimizer(settings.optimizer().plain() ? null : settings.optimizer().spec())
                .schedule(settings.schedule().constant() ? null : settings.schedule().spec())
                .platform(Provenance.Platform.current(kernels)).checkpoint(null).build();
        int before = p.epochs() == null ? 0 : p.epochs();
        Run run = new Run(sets, epochs, control, Math.max(0, before - start.epochsDone()), p);
        try (TrainingEngine engine = engine(net); Prefetch made = run.prefetch()) {
            if (!start.equals(TrainingPosition.START) && saved != null) {
                engine.restore(saved.optimizerState());
            }
            return run.go(net, engine, start);
        } finally {
            control.ended();
        }
    }

    /**
     * The order in which epoch {@code epoch} (counted over the network's life, from 1) visits {@code n} samples when the
     * settings shuffle: sample {@code i} of the epoch is sample {@code order(...)[i]} of the data. A run of a network with
     * no recorded seed (an imported one) shuffles from seed 0.
     */
    public static int[] order(long seed, int epoch, int n) {
        return Shuffled.permutation(seed, epoch, n);
    }

    /** @return the seed the order of {@code net}'s epochs is drawn from: its own (0 when none is recorded) */
    public static long shuffleSeed(NeuralNetwork net) {
        Long s = net.provenance().seed();
        return s == null ? 0L : s;
    }

    private TrainingEngine engine(NeuralNetwork net) {
        return engine(net, settings, kernels);
    }

    /** @return the engine that trains with {@code settings}, starting from {@code net}'s weights */
    static TrainingEngine engine(NeuralNetwork net, TrainingSettings settings, Kernels kernels) {
        for (TrainingEngine.Factory f : ENGINES) {
            if (f.handles(settings)) {
                return f.create(net, settings, kernels);
            }
        }
        throw new MynnException("no training engine handles " + settings);
    }

    /** One call of {@code fit}: the data, where it stands, and the provenance so far. */
    private final class Run {
        private final TrainingData train;
        private final TrainingData validation;
        private final TrainingData test;
        private final int epochs;
        private final TrainingControl control;
        private final int offset;
        private Provenance provenance;
        private NeuralNetwork start;
        private TrainingEngine engine;
        private double lossAtEpochStart;
        private int samplesAtEpochStart;
        private double bestValidation;
        private NeuralNetwork best;
        private double baseRate = settings.learningRate();
        private Prefetch prefetch;
        /** Samples trained in this run so far (by hand too). */
        private long runSamples;

        Run(Sets sets, int epochs, TrainingControl control, int offset, Provenance provenance) {
            this.train = sets.train();
            this.validation = sets.validation();
            this.test = sets.test();
            this.epochs = epochs;
            this.control = control;
            this.offset = offset;
            this.provenance = provenance;
            this.bestValidation = provenance.history().stream().filter(e -> e.validation() != null)
                    .mapToDouble(Provenance.Epoch::validation).max().orElse(Double.NEGATIVE_INFINITY);
        }

        Outcome go(NeuralNetwork net, TrainingEngine e, TrainingPosition from) {
            this.start = net;
            this.engine = e;
            int n = train.size();
            runSamples = 0;
            long nextCheckpoint = control.everySamples() > 0 ? control.everySamples() : Long.MAX_VALUE;
            TrainingPosition pos = from;
            NeuralNetwork current = snapshot();
            while (pos.epochsDone() < epochs) {
                int epoch = pos.epochsDone() + 1;
                listener.epochStarted(epoch, epochs, n);
                long began = System.nanoTime();
                int at = pos.samplesDone();
                engine.setLearningRate(settings.withLearningRate(baseRate).learningRate(epoch, epochs));
                TrainingData data = Prefetch.view(engine.makesInputs() ? null : prefetch, ordered(offset + epoch), offset + epoch, at);
                lossAtEpochStart = engine.lossSum();
                samplesAtEpochStart = at;
                while (at < n) {
                    awaitGo(epoch, at, n);
                    java.util.concurrent.CompletableFuture<NeuralNetwork> asked = control.takeCheckpointRequest();
                    if (asked != null) {
                        // a paused run asked for where it stands: the checkpoint a stop here would save; it stays paused
                        current = snapshot(); // with any sample trained by hand while paused
                        asked.complete(checkpointed(current, new TrainingPosition(epoch - 1, at)));
                        continue;
                    }
                    double lr = control.takeLearningRate();
                    if (!Double.isNaN(lr)) {
                        changeRate(lr, epoch, at);
                        engine.setLearningRate(settings.withLearningRate(baseRate).learningRate(epoch, epochs));
                    }
                    int to = n;
                    if (control.everySamples() > 0) {
                        to = (int) Math.min(n, at + (nextCheckpoint - runSamples));
                    }
                    long allowed = control.allowance();
                    if (allowed < to - at) {
                        to = at + (int) allowed;
                    }
                    // a checkpoint or a step never cuts a mini-batch short: the batches are those of a run without them
                    int b = settings.batch();
                    if (b > 1 && to < n) {
                        to = (int) Math.min(n, (to + (long) b - 1) / b * b);
                    }
                    int reached = at;
                    final int chunkStart = at;
                    // a run stopped while paused trains nothing more; otherwise the step under way is finished first
                    if (!(control.stopRequested() && control.paused())) {
                        try {
                            reached = engine.train(data, at, to, done -> listener.samplesDone(chunkStart + done),
                                    control::interrupted);
                        } catch (NonFiniteException ex) {
                            throw diverged(epoch, ex.sample(), runSamples + ex.sample() - at, "the network's outputs");
                        }
                    }
                    control.spent(reached - at);
                    runSamples += reached - at;
                    at = reached;
                    current = snapshot();
                    if (!current.isFinite()) {
                        throw diverged(epoch, at, runSamples, "the weights");
                    }
                    NeuralNetwork seen = current;
                    // a run about to pause or stop shows where it stands
                    control.show(() -> seen, (control.paused() || control.stopRequested()) && at < n, epoch, at, n,
                            engine.lossSum(), runSamples);
                    if (control.stopRequested()) {
                        TrainingPosition stopped = at == n ? finishEpoch(current, epoch, began) : new TrainingPosition(epoch - 1, at);
                        current = snapshot();
                        checkpoint(current, stopped);
                        return new Outcome(current, stopped, best);
                    }
                    if (at < n && control.everySamples() > 0 && runSamples >= nextCheckpoint) {
                        nextCheckpoint = after(runSamples, control.everySamples());
                        checkpoint(current, new TrainingPosition(epoch - 1, at));
                    }
                }
                pos = finishEpoch(current, epoch, began);
                current = snapshot();
                NeuralNetwork finished = current;
                control.show(() -> finished, true, epoch, n, n, engine.lossSum(), runSamples);
                boolean dueBySamples = control.everySamples() > 0 && runSamples >= nextCheckpoint;
                if (dueBySamples) {
                    nextCheckpoint = after(runSamples, control.everySamples());
                }
                boolean dueByEpochs = control.everyEpochs() > 0 && epoch % control.everyEpochs() == 0;
                if ((dueBySamples || dueByEpochs) && epoch < epochs) {
                    checkpoint(current, pos);
                }
            }
            return new Outcome(current, pos, best);
        }

        /** @return the first multiple of {@code every} above {@code done}: when the next checkpoint is due */
        private static long after(long done, long every) {
            return (done / every + 1) * every;
        }

        /** @return the samples of epoch {@code e} (counted over the network's life), in the settings' order */
        private TrainingData ordered(int e) {
            TrainingData data = train.forEpoch(e);
            return settings.order() == Order.SHUFFLE ? Shuffled.of(data, shuffleSeed(start), e) : data;
        }

        /** @return the producer of inputs ahead for this run (its thread starts with the first costly epoch) or null */
        Prefetch prefetch() {
            prefetch = ahead ? new Prefetch(this::ordered, offset + epochs, train.size(), train.inputSize()) : null;
            return prefetch;
        }

        /** @return the network with the engine's weights so far and the provenance so far */
        private NeuralNetwork snapshot() {
            return start.wrapLike(engine.weights(), engine.biases(), baseRate, provenance);
        }

        private TrainingDivergedException diverged(int epoch, int sample, long seen, String what) {
            int layer = Diagnosis.blownLayer(engine.weights(), engine.biases());
            int[] l = start.layers();
            return new TrainingDivergedException(epoch, sample, Math.max(0, seen), layer,
                    layer != 0 ? l[Math.abs(layer) - 1] + "->" + l[Math.abs(layer)] : "", what, Diagnosis.hints(settings.withLearningRate(baseRate),
                            start));
        }

        /** Waits while the run is paused, training the samples asked for by hand; an interrupted wait stops the run. */
        private void awaitGo(int epoch, int at, int n) {
            try {
                control.awaitGo(s -> byHand(s, epoch, at, n));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                control.requestStop();
            }
        }

        /**
         * Trains one sample by hand while the run is paused, with the engine's own step (as one sample of the data), and
         * records it in the provenance; shows the network after it to the watcher.
         *
         * @return the network after the step
         */
        private NeuralNetwork byHand(TrainingControl.Sample s, int epoch, int at, int n) {
            int classes = start.outputSize();
            if (s.inputs().length != start.inputSize() || s.label() < 0 || s.label() >= classes) {
                throw new MynnException("a sample by hand needs " + start.inputSize() + " inputs and a label from 0 to "
                        + (classes - 1));
            }
            try {
                engine.train(new OneSample(s.inputs(), s.label(), classes), 0, 1, null, () -> false);
            } catch (NonFiniteException ex) {
                throw new MynnException("the sample by hand made the network's outputs " + ex.getMessage());
            }
            runSamples++;
            List<Object> hand = new ArrayList<>();
            if (provenance.other().get(HAND_SAMPLES) instanceof List<?> before) {
                hand.addAll(before);
            }
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("epoch", offset + epoch);
            one.put("sample", at);
            one.put("label", s.label());
            hand.add(one);
            provenance = provenance.toBuilder().other(HAND_SAMPLES, hand).build();
            NeuralNetwork after = snapshot();
            control.show(() -> after, true, epoch, at, n, engine.lossSum(), runSamples);
            return after;
        }

        /** One sample made in memory, for {@link #byHand}: the book's targets, which the engine makes its loss's. */
        private record OneSample(double[] inputs, int label, int classes) implements TrainingData {
            @Override
            public String name() {
                return "a sample by hand";
            }

            @Override
            public int size() {
                return 1;
            }

            @Override
            public int inputSize() {
                return inputs.length;
            }

            @Override
            public int classCount() {
                return classes;
            }

            @Override
            public void input(int i, double[] out) {
                System.arraycopy(inputs, 0, out, 0, inputs.length);
            }

            @Override
            public void target(int i, double[] out) {
                Targets.oneHot(label, out);
            }

            @Override
            public int label(int i) {
                return label;
            }
        }

        /** Takes a learning rate changed while the run goes, and records the change in the provenance. */
        private void changeRate(double lr, int epoch, int at) {
            baseRate = lr;
            List<Object> changes = new ArrayList<>();
            if (provenance.other().get(RATE_CHANGES) instanceof List<?> before) {
                changes.addAll(before);
            }
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("epoch", offset + epoch);
            change.put("sample", at);
            change.put("learningRate", lr);
            changes.add(change);
            provenance = provenance.toBuilder().other(RATE_CHANGES, changes).build();
        }

        /** @return how a model file names {@code data}: portably (checkpoints keep where it was read from, to resume) */
        private Provenance.DataReference portable(TrainingData data) {
            return data.reference() == null ? null : data.reference().portable();
        }

        /** Saves a checkpoint: the network with where the run stands, its data and the optimizer's state. */
        private void checkpoint(NeuralNetwork current, TrainingPosition at) {
            control.checkpoint(checkpointed(current, at), at);
        }

        /** @return the checkpoint of {@code current} at {@code at}: with its position, data and the optimizer's state */
        private NeuralNetwork checkpointed(NeuralNetwork current, TrainingPosition at) {
            return current.withProvenance(current.provenance().toBuilder()
                    .checkpoint(new Provenance.Checkpoint(at.epochsDone(), at.samplesDone(), epochs, train.reference(),
                            test == null ? null : test.reference(), validation == null ? null : validation.reference(),
                            engine.optimizerState())).build());
        }

        /** Measures the network after an epoch and writes the epoch into the provenance. */
        private TrainingPosition finishEpoch(NeuralNetwork current, int epoch, long began) {
            double seconds = (System.nanoTime() - began) / 1e9;
            Evaluation eval = test == null ? null : Evaluator.evaluate(current, test, settings.threads());
            Evaluation val = validation == null ? null : Evaluator.evaluate(current, validation, settings.threads());
            int trained = train.size() - samplesAtEpochStart;
            Double loss = trained > 0 ? (engine.lossSum() - lossAtEpochStart) / trained : null;
            Provenance.Epoch e = new Provenance.Epoch(offset + epoch, eval == null ? null : eval.accuracy(),
                    eval == null ? null : eval.mse(), Math.round(seconds * 1000) / 1000.0,
                    val == null ? null : val.accuracy(), loss);
            Provenance.Builder b = provenance.toBuilder().epoch(e).epochs(offset + epoch)
                    .samplesSeen((provenance.samplesSeen() == null ? 0 : provenance.samplesSeen()) + train.size())
                    .dataset(train.name()).data(portable(train)).classes(train.classNames())
                    .test(test == null ? null : portable(test)).validation(validation == null ? null : portable(validation));
            if (eval != null) {
                b.accuracy(eval.accuracy());
            }
            provenance = b.build();
            listener.epochFinished(e);
            if (val != null && val.accuracy() > bestValidation) {
                bestValidation = val.accuracy();
                best = start.wrapLike(current.allWeights(), current.allBiases(), settings.learningRate(), provenance);
                control.improved(best);
            }
            return new TrainingPosition(epoch, 0);
        }
    }
}
