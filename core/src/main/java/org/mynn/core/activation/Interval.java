package org.mynn.core.activation;

/**
 * A range of real numbers {@code [lower, upper]}; either end may be infinite.
 *
 * @param lower the lower end, possibly {@link Double#NEGATIVE_INFINITY}
 * @param upper the upper end, possibly {@link Double#POSITIVE_INFINITY}
 */
public record Interval(double lower, double upper) {

    /** The whole real line. */
    public static final Interval REAL = new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

    public Interval {
        if (Double.isNaN(lower) || Double.isNaN(upper) || lower >= upper) {
            throw new IllegalArgumentException("Interval needs lower < upper but found [" + lower + ", " + upper + "]");
        }
    }

    /** @return true when both ends are finite */
    public boolean isBounded() {
        return Double.isFinite(lower) && Double.isFinite(upper);
    }

    /** @return true when {@code lower <= x <= upper} */
    public boolean contains(double x) {
        return x >= lower && x <= upper;
    }

    @Override
    public String toString() {
        return "(" + end(lower) + ", " + end(upper) + ")";
    }

    private static String end(double v) {
        if (v == Double.POSITIVE_INFINITY) {
            return "inf";
        }
        if (v == Double.NEGATIVE_INFINITY) {
            return "-inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
