package org.mynn.data;

import java.util.Locale;
import org.mynn.core.Labelled;

/** The two parts of a named dataset. */
public enum Split implements Labelled {
    TRAIN, TEST;

    /** @return "train" or "test" */
    @Override
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return label();
    }
}
