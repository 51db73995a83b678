package org.mynn.core.model;

import java.util.Locale;
import org.mynn.core.Labelled;

/** What training computes in. */
public enum Precision implements Labelled {
    /** 64-bit, the seed's numbers (default). */
    DOUBLE,
    /** 32-bit weights and arithmetic: about twice as fast, accuracy within a few 0.001 of double. */
    FLOAT;

    @Override
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return label();
    }
}
