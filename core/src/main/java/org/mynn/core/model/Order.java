package org.mynn.core.model;

import org.mynn.core.Labelled;

/** The order in which an epoch visits the training samples. */
public enum Order implements Labelled {
    /** The file's order, every epoch: the book's. */
    FILE("file"),
    /**
     * A fresh order every epoch, drawn from the run's seed and the epoch's number (so a run repeats, and a resumed run
     * continues, bit for bit): what PyTorch's {@code DataLoader(shuffle=True)} and Keras' {@code fit} do.
     */
    SHUFFLE("shuffle");

    private final String label;

    Order(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
