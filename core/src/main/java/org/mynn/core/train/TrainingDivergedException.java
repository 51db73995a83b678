package org.mynn.core.train;

import org.mynn.core.MynnException;

/** Training produced numbers that are not finite (NaN or infinity) and was stopped. */
public final class TrainingDivergedException extends MynnException {
    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int sample;

    public TrainingDivergedException(int epoch, int sample, double learningRate, String what) {
        super("training diverged in epoch " + epoch + " at sample " + sample + ": " + what + "; try a smaller learning"
                + " rate than " + learningRate + " (the book uses 0.1)");
        this.epoch = epoch;
        this.sample = sample;
    }

    /** @return the epoch it happened in, 1-based */
    public int epoch() {
        return epoch;
    }

    /** @return the sample of that epoch, 0-based */
    public int sample() {
        return sample;
    }
}
