package org.mynn.core.train;

import org.mynn.core.model.NeuralNetwork;

/**
 * Steers a training run from outside: asks it to stop (e.g. on Ctrl-C), and says when and how to save checkpoints.
 * The run stops at the end of the sample (or batch) it is on, with every weight consistent.
 *
 * <p>A watched run (the training lab) can also be paused, resumed and stepped a number of samples at a time, have its
 * learning rate changed, and be asked for a snapshot of its network; every such request is taken at the end of the
 * sample (or batch) under way, on the training thread. None of them is needed by a run that is not watched, and a run
 * nobody steers trains exactly as it would without them.
 */
public final class TrainingControl {

    /** Sees the network while it trains, on the training thread: keep it short (copy what is needed and return). */
    @FunctionalInterface
    public interface Watcher {

        /**
         * @param net      the network as trained so far (its own copy of the weights)
         * @param epoch    the epoch under way, 1-based
         * @param done     samples of that epoch trained
         * @param samples  samples in an epoch
         * @param lossSum  the sum of the loss of every sample trained in this run so far
         * @param trained  samples trained in this run so far
         */
        void seen(NeuralNetwork net, int epoch, int done, int samples, double lossSum, long trained);
    }

    /** Saves a checkpoint of the network at a position; the network's weights are complete when it is called. */
    @FunctionalInterface
    public interface Checkpointer {
        void save(NeuralNetwork net, TrainingPosition at);
    }

    private final int everyEpochs;
    private final int everySamples;
    private final Checkpointer checkpointer;
    private final java.util.function.Consumer<NeuralNetwork> onImproved;
    private volatile boolean stop;
    /** Samples the run may train before it pauses; negative while it runs freely, 0 while paused. */
    private long budget = -1;
    private volatile boolean paused;
    private volatile boolean parked;
    private volatile double newRate = Double.NaN;
    private volatile boolean snapshotWanted;
    private volatile Watcher watcher;
    /** A sample to train by hand while the run waits, paused; null when none. */
    private Sample sample;

    /**
     * One sample a paused run trains by hand ({@link #trainSample}).
     *
     * @param inputs as the network takes them
     * @param label  the class; the run's loss makes its targets, as for every sample it trains
     * @param done   completed with the network after the step (or exceptionally)
     */
    record Sample(double[] inputs, int label, java.util.concurrent.CompletableFuture<NeuralNetwork> done) {
    }
    /** A checkpoint asked for by {@link #checkpointNow()}, not yet made. */
    private java.util.concurrent.CompletableFuture<NeuralNetwork> wanted;

    /**
     * @param everyEpochs  save a checkpoint after every this many epochs; 0 for never
     * @param everySamples save a checkpoint after every this many samples (counted from the start of the run);
     *                     0 for never
     * @param checkpointer how to save; may be null when both intervals are 0
     */
    public TrainingControl(int everyEpochs, int everySamples, Checkpointer checkpointer) {
        this(everyEpochs, everySamples, checkpointer, null);
    }

    /**
     * @param onImproved told of the network after each epoch whose validation accuracy beats every one before (with
     *                   validation data only), e.g. to save it ({@code --keep best}); may be null
     */
    public TrainingControl(int everyEpochs, int everySamples, Checkpointer checkpointer,
            java.util.function.Consumer<NeuralNetwork> onImproved) {
        this.onImproved = onImproved;
        if (everyEpochs < 0 || everySamples < 0) {
            throw new IllegalArgumentException("checkpoint intervals cannot be negative");
        }
        this.everyEpochs = everyEpochs;
        this.everySamples = everySamples;
        this.checkpointer = checkpointer;
    }

    /** @return a control that never stops a run or saves anything */
    public static TrainingControl none() {
        return new TrainingControl(0, 0, null);
    }

    /** Asks the run to stop at the end of the current sample; safe to call from any thread, e.g. a signal hook. */
    public void requestStop() {
        synchronized (this) {
            stop = true;
            notifyAll();
        }
    }

    /** Pauses the run at the end of the sample (or batch) under way, until {@link #resume()} or {@link #step(long)}. */
    public synchronized void pause() {
        budget = 0;
        paused = true;
        notifyAll();
    }

    /** Lets a paused run go on freely. */
    public synchronized void resume() {
        budget = -1;
        paused = false;
        notifyAll();
    }

    /**
     * Lets a paused run train {@code samples} more samples, then pause again; a running run is paused after them.
     *
     * @throws IllegalArgumentException when {@code samples < 1}
     */
    public synchronized void step(long samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("a step is at least 1 sample, not " + samples);
        }
        budget = samples;
        paused = false;
        notifyAll();
    }

    /**
     * Has a paused run train one more sample, now, with its own step (the one its engine takes for every sample, at its
     * learning rate): on the training thread, while the run stays paused. The sample does not change where the run
     * stands in its epoch; it is counted as trained, and its loss is added to the run's.
     *
     * @param inputs one value per input node, as the network takes them; copied
     * @return completed with the network after the step, or exceptionally when the step fails
     * @throws IllegalStateException unless the run waits, paused, and trains no other sample by hand
     */
    public synchronized java.util.concurrent.CompletableFuture<NeuralNetwork> trainSample(double[] inputs, int label) {
        if (!parked || budget != 0 || stop) {
            throw new IllegalStateException("the run is not paused");
        }
        if (sample != null) {
            throw new IllegalStateException("the run is already training a sample by hand");
        }
        sample = new Sample(inputs.clone(), label, new java.util.concurrent.CompletableFuture<>());
        notifyAll();
        return sample.done();
    }

    /** @return true while the run is paused or about to pause (a step finished) */
    public boolean paused() {
        return paused;
    }

    /**
     * Changes the learning rate from the next sample (or batch) on: it becomes the run's base rate, which a schedule
     * still scales from epoch to epoch.
     *
     * @throws IllegalArgumentException unless positive and finite
     */
    public void changeLearningRate(double lr) {
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("the learning rate must be a positive number, not " + lr);
        }
        newRate = lr;
    }

    /** Sets who sees the network when a snapshot is asked for and after every epoch; null for nobody. */
    public void watch(Watcher w) {
        watcher = w;
    }

    /** Asks the run for a snapshot of its network at the end of the sample (or batch) under way, given to the watcher. */
    public void requestSnapshot() {
        snapshotWanted = true;
    }

    /** @return true when the engine should return at the end of its step: to stop, pause, change or be seen */
    boolean interrupted() {
        return stop || paused || snapshotWanted || !Double.isNaN(newRate);
    }

    /** @return a learning rate asked for since the last call, or NaN */
    double takeLearningRate() {
        double r = newRate;
        newRate = Double.NaN;
        return r;
    }

    /**
     * Asks a paused run for a checkpoint of where it stands: the network, its position, its data and its optimizer's
     * state, exactly what a run stopped there saves (and {@code mynn train --resume} continues). The run makes it on its
     * own thread between two samples (or batches), and stays paused.
     *
     * @return the checkpoint, once made; it fails with {@link IllegalStateException} when the run ends first
     */
    public synchronized java.util.concurrent.CompletableFuture<NeuralNetwork> checkpointNow() {
        if (wanted == null) {
            wanted = new java.util.concurrent.CompletableFuture<>();
            notifyAll();
        }
        return wanted;
    }

    /** @return a checkpoint asked for and not yet made, now taken; null when none is */
    synchronized java.util.concurrent.CompletableFuture<NeuralNetwork> takeCheckpointRequest() {
        java.util.concurrent.CompletableFuture<NeuralNetwork> w = wanted;
        wanted = null;
        return w;
    }

    /** Fails a checkpoint asked for that the run will not make: it has ended. */
    void ended() {
        java.util.concurrent.CompletableFuture<NeuralNetwork> w = takeCheckpointRequest();
        if (w != null) {
            w.completeExceptionally(new IllegalStateException("the run ended before it could make the checkpoint"));
        }
    }

    /**
     * Waits while the run is paused and not stopped, and no checkpoint is asked for.
     *
     * @throws InterruptedException when the thread is interrupted
     */
    synchronized void awaitGo() throws InterruptedException {
        awaitGo(s -> {
            throw new IllegalStateException("this run trains no sample by hand");
        });
    }

    /**
     * Waits while the run is paused and not stopped, training each sample asked for by hand ({@link #trainSample}) with
     * {@code hand} as it comes, still paused.
     *
     * @param hand trains a sample on the training thread and returns the network after it
     * @throws InterruptedException when the thread is interrupted
     */
    synchronized void awaitGo(java.util.function.Function<Sample, NeuralNetwork> hand) throws InterruptedException {
        try {
            while (budget == 0 && !stop && wanted == null) {
                paused = true;
                parked = true;
                Sample s = sample;
                if (s != null) {
                    sample = null;
                    try {
                        s.done().complete(hand.apply(s));
                    } catch (RuntimeException e) {
                        s.done().completeExceptionally(e);
                    }
                    continue;
                }
                wait();
            }
        } finally {
            parked = false;
            Sample s = sample;
            if (s != null) {
                sample = null;
                s.done().completeExceptionally(new IllegalStateException("the run went on before the sample was trained"));
            }
        }
    }

    /** @return true while the run waits, paused, between two samples (or batches): its network is what it shows */
    public boolean parked() {
        return parked;
    }

    /** @return how many samples the run may train before it pauses; {@link Long#MAX_VALUE} when it runs freely */
    synchronized long allowance() {
        return budget < 0 ? Long.MAX_VALUE : budget;
    }

    /** Counts samples trained against a step's allowance. */
    synchronized void spent(long samples) {
        if (budget > 0) {
            budget = Math.max(0, budget - samples);
            if (budget == 0) {
                paused = true;
            }
        }
    }

    /** Gives the watcher the network, when a snapshot was asked for or {@code always}. */
    void show(java.util.function.Supplier<NeuralNetwork> net, boolean always, int epoch, int done, int samples,
            double lossSum, long trained) {
        Watcher w = watcher;
        if (w != null && (always || snapshotWanted)) {
            snapshotWanted = false;
            w.seen(net.get(), epoch, done, samples, lossSum, trained);
        }
    }

    /** @return true once {@link #requestStop()} was called */
    public boolean stopRequested() {
        return stop;
    }

    int everyEpochs() {
        return everyEpochs;
    }

    int everySamples() {
        return everySamples;
    }

    void improved(NeuralNetwork net) {
        if (onImproved != null) {
            onImproved.accept(net);
        }
    }

    void checkpoint(NeuralNetwork net, TrainingPosition at) {
        if (checkpointer != null) {
            checkpointer.save(net, at);
        }
    }
}
