package org.mynn.core.optimize;

import java.util.List;
import java.util.Locale;
import org.mynn.core.MynnException;

/**
 * Reads an optimizer's settings, the numbers after its name, with their defaults and ranges, naming the setting that
 * is wrong: {@code Settings s = Settings.of("adam", given, "B1", "B2", "EPS"); new Adam(s.fraction(0, 0.9), ...)}.
 */
public final class Settings {

    private final String optimizer;
    private final List<Double> given;
    private final String[] names;

    private Settings(String optimizer, List<Double> given, String[] names) {
        this.optimizer = optimizer;
        this.given = given;
        this.names = names;
    }

    /**
     * @param names the settings' names, in order, as written in the optimizer's usage
     * @throws MynnException when more numbers are given than it has settings
     */
    public static Settings of(String optimizer, List<Double> given, String... names) {
        if (given.size() > names.length) {
            throw new MynnException(String.format(Locale.ROOT, "%s takes %d setting%s (%s) but %d were given", optimizer,
                    names.length, names.length == 1 ? "" : "s", String.join(", ", names), given.size()));
        }
        return new Settings(optimizer, given, names);
    }

    /**
     * @return setting {@code i}, which must lie strictly between 0 and 1, or {@code otherwise} when not given
     * @throws MynnException naming it when it is out of range
     */
    public double fraction(int i, double otherwise) {
        return checked(i, otherwise, true);
    }

    /**
     * @return setting {@code i}, which must be a positive number, or {@code otherwise} when not given
     * @throws MynnException naming it when it is out of range
     */
    public double positive(int i, double otherwise) {
        return checked(i, otherwise, false);
    }

    private double checked(int i, double otherwise, boolean open) {
        if (i >= given.size()) {
            return otherwise;
        }
        double v = given.get(i);
        boolean ok = open ? v > 0 && v < 1 : v > 0 && Double.isFinite(v);
        if (!ok) {
            throw new MynnException(String.format(Locale.ROOT, "%s's %s must be %s but is %s", optimizer, names[i],
                    open ? "between 0 and 1" : "a positive number", v));
        }
        return v;
    }
}
