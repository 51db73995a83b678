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
    FAN_IN("fan-in"),
    /**
     * Glorot and Bengio (2010), "Xavier" initialisation: {@code std = sqrt(2 / (fan-in + fan-out))}, which keeps the
     * signals' variance about the same forwards and backwards through sigmoid and tanh layers.
     */
    GLOROT("glorot"),
    /** He et al. (2015): {@code std = sqrt(2 / fan-in)}, made for ReLU layers, which zero half their inputs. */
    HE("he");

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
        return switch (this) {
            case RECEIVING -> Math.pow(rows, -0.5);
            case FAN_IN -> Math.pow(cols, -0.5);
            case GLOROT -> Math.sqrt(2.0 / ((double) rows + cols));
            case HE -> Math.sqrt(2.0 / cols);
        };
    }
}
