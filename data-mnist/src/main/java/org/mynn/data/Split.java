package org.mynn.data;

import java.util.Locale;
import org.mynn.core.MynnException;

/** The two parts of a named dataset. */
public enum Split {
    TRAIN, TEST;

    /** @return "train" or "test" */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws MynnException unless {@code s} is "train" or "test" */
    public static Split parse(String s) {
        for (Split v : values()) {
            if (v.label().equalsIgnoreCase(s)) {
                return v;
            }
        }
        throw new MynnException("unknown split '" + s + "'; expected train or test");
    }
}
