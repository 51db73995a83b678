package org.mynn.render;

/** Draws an image as text, for a quick look without opening a file. */
public interface TerminalRenderer {

    /**
     * @param values {@code rows * cols} values, row-major, scaled to their own range (high = ink = bright)
     * @param ansi   true for colour escape codes (two pixels per character), false for plain shade characters
     * @return lines ending in {@code \n}, {@code cols} characters wide
     */
    String render(double[] values, int rows, int cols, boolean ansi);
}
