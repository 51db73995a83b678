package org.mynn.core;

import java.util.Locale;

/**
 * How initial weights are drawn. Weights into a layer are {@code Normal(0, std)}.
 */
public enum WeightInit {
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

    /** @return the spelling used in model files and on the command line */
    public String label() {
        return label;
    }

    /**
     * The standard deviation for a {@code rows x cols} matrix (rows: the receiving layer, cols: the fan-in).
     */
    public double std(int rows, int cols) {
        return Math.pow(this == RECEIVING ? rows : cols, -0.5);
    }

    /** @throws MynnException listing the spellings when {@code label} is none of them */
    public static WeightInit parse(String label) {
        for (WeightInit w : values()) {
            if (w.label.equals(label.toLowerCase(Locale.ROOT))) {
                return w;
            }
        }
        throw new MynnException("unknown weight init '" + label + "'; expected receiving or fan-in");
    }
}
