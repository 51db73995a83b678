package org.mynn.render;

import java.util.Locale;
import org.mynn.core.MynnException;

/**
 * How values become colours. Each map scales an image by its own values, as matplotlib's {@code imshow} does by
 * default.
 */
public enum ColorMap {
    /** matplotlib's {@code Greys} under imshow's default scaling: the image's minimum white, its maximum black. */
    GREYS,
    /** The reverse: minimum black, maximum white. */
    GRAY,
    /** For signed values such as weights (matplotlib's {@code bwr}): -m blue, 0 white, +m red, m = max |value|. */
    DIVERGING;

    /** @return the spelling used on the command line */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws MynnException listing the maps when {@code s} is none of them */
    public static ColorMap parse(String s) {
        for (ColorMap m : values()) {
            if (m.label().equalsIgnoreCase(s)) {
                return m;
            }
        }
        throw new MynnException("unknown colour map '" + s + "'; expected greys, gray or diverging");
    }

    /**
     * @param values not modified
     * @return one packed RGB per value, scaled to {@code values}' own range
     */
    public int[] colorize(double[] values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (this == DIVERGING) {
            hi = Math.max(Math.abs(lo), Math.abs(hi));
            lo = -hi;
        }
        int[] rgb = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            rgb[i] = rgb(values[i], lo, hi);
        }
        return rgb;
    }

    /**
     * @return the packed RGB of {@code v} on a scale from {@code lo} to {@code hi} (for {@link #DIVERGING},
     *         {@code lo = -hi})
     */
    public int rgb(double v, double lo, double hi) {
        if (this == DIVERGING) {
            double t = hi > 0 ? Math.max(-1, Math.min(1, v / hi)) : 0;
            int fade = (int) Math.round(255 * (1 - Math.abs(t)));
            return t < 0 ? pack(fade, fade, 255) : pack(255, fade, fade);
        }
        double t = hi > lo ? (v - lo) / (hi - lo) : 0;
        t = Math.max(0, Math.min(1, t));
        int g = (int) Math.round(255 * (this == GREYS ? 1 - t : t));
        return pack(g, g, g);
    }

    private static int pack(int r, int g, int b) {
        return (r << 16) | (g << 8) | b;
    }
}
