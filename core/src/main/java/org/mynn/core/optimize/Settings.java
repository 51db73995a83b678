package org.mynn.core.optimize;

import java.util.List;
import java.util.Locale;
import org.mynn.core.MynnException;

/** Checks and fills in an optimizer's settings; shared by the built-ins. */
final class Settings {

    private Settings() {
    }

    /**
     * @param names    the settings' names, in order
     * @param defaults their values when not given
     * @param open     for each, whether it must lie strictly between 0 and 1 (true) or only be positive (false)
     */
    static double[] fill(String optimizer, List<Double> given, String[] names, double[] defaults, boolean[] open) {
        if (given.size() > names.length) {
            throw new MynnException(String.format(Locale.ROOT, "%s takes %d setting%s (%s) but %d were given", optimizer,
                    names.length, names.length == 1 ? "" : "s", String.join(", ", names), given.size()));
        }
        double[] out = defaults.clone();
        for (int i = 0; i < given.size(); i++) {
            double v = given.get(i);
            boolean ok = open[i] ? v > 0 && v < 1 : v > 0 && Double.isFinite(v);
            if (!ok) {
                throw new MynnException(String.format(Locale.ROOT, "%s's %s must be %s but is %s", optimizer, names[i],
                        open[i] ? "between 0 and 1" : "a positive number", v));
            }
            out[i] = v;
        }
        return out;
    }
}
