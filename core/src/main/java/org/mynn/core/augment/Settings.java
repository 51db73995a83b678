package org.mynn.core.augment;

import java.util.List;
import java.util.Locale;
import org.mynn.core.MynnException;

/** Checks and fills in an augmentation's settings; shared by the built-ins. */
final class Settings {

    /** A lower bound that lets 0 in: the settings must be at least 0. */
    static final double ZERO_OR_MORE = -1e-300;

    private Settings() {
    }

    /**
     * @param names    the settings' names, in order
     * @param defaults their values when not given; NaN for a setting that must be given
     * @param lowest   the smallest value each may take (exclusive); {@link #ZERO_OR_MORE} for "at least 0"
     * @param highest  the largest value each may take (inclusive)
     */
    static double[] fill(String augmentation, String usage, List<Double> given, String[] names, double[] defaults,
            double[] lowest, double[] highest) {
        if (given.size() > names.length) {
            throw new MynnException(String.format(Locale.ROOT, "%s takes %d setting%s but %d were given (write %s)",
                    augmentation, names.length, names.length == 1 ? "" : "s", given.size(), usage));
        }
        double[] out = defaults.clone();
        for (int i = 0; i < names.length; i++) {
            if (i < given.size()) {
                out[i] = given.get(i);
            } else if (Double.isNaN(out[i])) {
                throw new MynnException(augmentation + " needs its " + names[i] + " (write " + usage + ")");
            }
            if (!(out[i] > lowest[i] && out[i] <= highest[i])) {
                String low = lowest[i] == ZERO_OR_MORE ? "at least 0" : "above " + fmt(lowest[i]);
                throw new MynnException(String.format(Locale.ROOT, "%s's %s must be %s and at most %s but is %s",
                        augmentation, names[i], low, fmt(highest[i]), fmt(out[i])));
            }
        }
        return out;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
