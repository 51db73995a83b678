package org.mynn.core.optimize;

import java.util.Locale;
import org.mynn.core.MynnException;

/**
 * How the learning rate changes from epoch to epoch (it stays the same within an epoch, so a run resumed from a
 * checkpoint goes on with the very same rates):
 *
 * <ul>
 *   <li>{@code constant}: the book's, {@code lr} throughout (the default);</li>
 *   <li>{@code step:N:F}: times {@code F} after every {@code N} epochs, {@code lr * F^floor((e - 1) / N)};</li>
 *   <li>{@code exp:R}: times {@code R} after every epoch, {@code lr * R^(e - 1)};</li>
 *   <li>{@code cosine[:MIN]}: half a cosine from {@code lr} down towards {@code MIN * lr} (default 0) over the run,
 *       {@code lr * (MIN + (1 - MIN) (1 + cos(pi (e - 1) / E)) / 2)} for epoch {@code e} of {@code E}.</li>
 * </ul>
 *
 * @param kind     "constant", "step", "exp" or "cosine"
 * @param every    for step: epochs between changes
 * @param factor   for step and exp: the factor; for cosine: the floor as a fraction of the rate
 * @param spec     how it was written
 */
public record Schedule(String kind, int every, double factor, String spec) {

    /** The book's: the same rate throughout. */
    public static final Schedule CONSTANT = new Schedule("constant", 0, 1, "constant");

    /** What {@link #parse} understands, for messages and help. */
    /** The largest factor a step or exp schedule takes. */
    public static final double MAX_FACTOR = 10;

    public static final String USAGE = "constant, step:N:FACTOR, exp:FACTOR or cosine[:MIN]";

    /**
     * @param spec e.g. {@code step:10:0.5}
     * @throws MynnException naming what is wrong
     */
    public static Schedule parse(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        String[] p = s.split(":", -1);
        try {
            switch (p[0]) {
                case "constant" -> {
                    if (p.length == 1) {
                        return CONSTANT;
                    }
                }
                case "step" -> {
                    if (p.length == 3) {
                        int n = Integer.parseInt(p[1]);
                        double f = Double.parseDouble(p[2]);
                        if (n < 1) {
                            throw new MynnException("'" + spec + "': the epochs between steps must be at least 1");
                        }
                        checkFactor(spec, f);
                        return new Schedule("step", n, f, s);
                    }
                }
                case "exp" -> {
                    if (p.length == 2) {
                        double f = Double.parseDouble(p[1]);
                        checkFactor(spec, f);
                        return new Schedule("exp", 0, f, s);
                    }
                }
                case "cosine" -> {
                    if (p.length <= 2) {
                        double min = p.length == 2 ? Double.parseDouble(p[1]) : 0;
                        if (!(min >= 0 && min < 1)) {
                            throw new MynnException("'" + spec + "': the floor of a cosine schedule is a fraction from 0 to"
                                    + " below 1");
                        }
                        return new Schedule("cosine", 0, min, s);
                    }
                }
                default -> {
                    // falls through to the message
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        throw new MynnException("learning-rate schedule '" + spec + "' is not understood; write " + USAGE
                + ", e.g. step:10:0.5");
    }

    private static void checkFactor(String spec, double f) {
        if (!(f > 0) || f > MAX_FACTOR || Double.isNaN(f)) {
            throw new MynnException("'" + spec + "': the factor multiplies the learning rate (below 1 it decays) and must be"
                    + " above 0 and at most " + (int) MAX_FACTOR + " but is " + f);
        }
    }

    /**
     * @param lr     the rate given
     * @param epoch  the epoch, from 1
     * @param epochs the epochs of the run
     * @return the rate for that epoch
     */
    public double rate(double lr, int epoch, int epochs) {
        return switch (kind) {
            case "step" -> lr * Math.pow(factor, (epoch - 1) / every);
            case "exp" -> lr * Math.pow(factor, epoch - 1);
            case "cosine" -> lr * (factor + (1 - factor) * 0.5 * (1 + Math.cos(Math.PI * (epoch - 1) / Math.max(1, epochs))));
            default -> lr;
        };
    }

    /** @return true for the book's constant rate */
    public boolean constant() {
        return kind.equals("constant");
    }

    @Override
    public String toString() {
        return spec;
    }
}
