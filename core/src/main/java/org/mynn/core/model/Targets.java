package org.mynn.core.model;

import java.util.Arrays;
import org.mynn.core.MynnException;

/** The seed's targets: 0.01 for every output, 0.99 for the one that should win. */
public final class Targets {

    /** The target of every output but the label's. */
    public static final double OFF = 0.01;
    /** The target of the label's output. */
    public static final double ON = 0.99;

    private Targets() {
    }

    /** @param out modified: {@value #OFF} everywhere, {@value #ON} at {@code label} */
    public static void oneHot(int label, double[] out) {
        Arrays.fill(out, OFF);
        out[label] = ON;
    }

    /** @return {@code n} targets for {@code label} */
    public static double[] oneHot(int label, int n) {
        if (label < 0 || label >= n) {
            throw new MynnException("label " + label + " is outside the classes 0.." + (n - 1));
        }
        double[] out = new double[n];
        oneHot(label, out);
        return out;
    }
}
