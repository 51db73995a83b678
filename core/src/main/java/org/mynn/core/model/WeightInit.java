package org.mynn.core.model;

import org.mynn.core.Labelled;

/**
 * How initial weights are drawn. Weights into a layer are {@code Normal(0, std)}.
 */
public enum WeightInit implements Labelled {
    /**
     * The seed's code: {@code std = n^-0.5} with {@code n} the size of the layer the weights lead <em>into</em>
     * ({@code pow(self.hnodes, -0.5)} for {@code wih}). The default.
     */
    RECEIVING("receiving"),
    /** The book's erratum: {@code std = n^-0.5} with {@code n} the number of incoming links (the fan-in). */
    FAN_IN("fan-in");

    private final String label;

    WeightInit(String label) {
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

    /**
     * The standard deviation for a {@code rows x cols} matrix (rows: the receiving layer, cols: the fan-in).
     */
    public double std(int rows, int cols) {
        return Math.pow(this == RECEIVING ? rows : cols, -0.5);
    }
}
