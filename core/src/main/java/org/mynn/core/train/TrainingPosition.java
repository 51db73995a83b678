package org.mynn.core.train;

/**
 * Where a training run is: {@code epochsDone} whole epochs finished, and {@code samplesDone} samples of the next
 * one (0 at an epoch boundary). Training samples are taken in order and nothing random happens after the initial
 * weights (the book does not shuffle), so this position is all a run needs to continue exactly.
 */
public record TrainingPosition(int epochsDone, int samplesDone) {

    /** The start of a run. */
    public static final TrainingPosition START = new TrainingPosition(0, 0);

    public TrainingPosition {
        if (epochsDone < 0 || samplesDone < 0) {
            throw new IllegalArgumentException("a training position cannot be negative: " + epochsDone + ", " + samplesDone);
        }
    }
}
