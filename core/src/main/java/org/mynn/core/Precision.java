package org.mynn.core;

import java.util.Locale;

/** What training computes in. */
public enum Precision {
    /** 64-bit, the seed's numbers (default). */
    DOUBLE,
    /** 32-bit weights and arithmetic: about twice as fast, accuracy within a few 0.001 of double. */
    FLOAT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws MynnException unless {@code s} is "double" or "float" */
    public static Precision parse(String s) {
        for (Precision p : values()) {
            if (p.label().equalsIgnoreCase(s)) {
                return p;
            }
        }
        throw new MynnException("unknown precision '" + s + "'; expected double or float");
    }
}
