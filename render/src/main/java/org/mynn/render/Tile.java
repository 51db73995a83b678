package org.mynn.render;

/**
 * One image of a grid with its caption.
 *
 * @param values  {@code rows * cols} values, row-major
 * @param caption shown under the tile, e.g. "true 4 / said 9 (0.93)"; may be empty
 * @param map     how its values become colours
 */
public record Tile(double[] values, int rows, int cols, String caption, ColorMap map) {

    public Tile {
        if (values.length != rows * cols) {
            throw new IllegalArgumentException("Tile needs " + rows + "x" + cols + " = " + rows * cols
                    + " values but found " + values.length);
        }
    }

    /** A tile of grey pixels 0..255 (ink high), drawn with {@link ColorMap#GREYS} as the book shows digits. */
    public static Tile ofPixels(byte[] pixels, int rows, int cols, String caption) {
        double[] v = new double[pixels.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = pixels[i] & 0xff;
        }
        return new Tile(v, rows, cols, caption, ColorMap.GREYS);
    }
}
