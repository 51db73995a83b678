package org.mynn.render;

/**
 * {@link TerminalRenderer} with Unicode blocks: in colour, an upper half block per two pixels with the grey of each
 * (a 28x28 digit takes 28 columns and 14 lines); plain, one shade character per pixel from
 * {@code " ░▒▓█"}.
 */
public final class BlockTerminalRenderer implements TerminalRenderer {

    /** The shades, from no ink to full ink. */
    public static final String SHADES = " \u2591\u2592\u2593\u2588";

    @Override
    public String render(double[] values, int rows, int cols, boolean ansi) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double span = hi > lo ? hi - lo : 1;
        StringBuilder sb = new StringBuilder();
        if (!ansi) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    double t = (values[r * cols + c] - lo) / span;
                    sb.append(SHADES.charAt((int) Math.min(SHADES.length() - 1, Math.floor(t * SHADES.length()))));
                }
                sb.append('\n');
            }
            return sb.toString();
        }
        for (int r = 0; r < rows; r += 2) {
            for (int c = 0; c < cols; c++) {
                int top = grey((values[r * cols + c] - lo) / span);
                int bottom = r + 1 < rows ? grey((values[(r + 1) * cols + c] - lo) / span) : 16;
                sb.append("\u001b[38;5;").append(top).append(";48;5;").append(bottom).append('m').append('\u2580');
            }
            sb.append("\u001b[0m\n");
        }
        return sb.toString();
    }

    /** @return the xterm-256 colour for brightness {@code t} in [0, 1]: 16 (black), the grey ramp, 231 (white) */
    private static int grey(double t) {
        int level = (int) Math.round(t * 25);
        if (level <= 0) {
            return 16;
        }
        if (level >= 25) {
            return 231;
        }
        return 231 + level;
    }
}
