package org.mynn.core.train;

import org.mynn.core.model.NeuralNetwork;

/**
 * Steers a training run from outside: asks it to stop (e.g. on Ctrl-C), and says when and how to save checkpoints.
 * The run stops at the end of the sample (or batch) it is on, with every weight consistent.
 */
public final class TrainingControl {

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
        stop = true;
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
