package org.mynn.core.train;

import org.mynn.core.model.Provenance;

/** Hears how training goes; the command line draws a progress bar from it. All methods default to nothing. */
public interface TrainingListener {

    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {
    };

    /** Epoch {@code epoch} (1-based) of {@code epochs} starts over {@code samples} samples. */
    default void epochStarted(int epoch, int epochs, int samples) {
    }

    /** {@code done} samples of the current epoch are finished; called every few thousand samples. */
    default void samplesDone(int done) {
    }

    /** An epoch ended and was measured. */
    default void epochFinished(Provenance.Epoch epoch) {
    }
}
