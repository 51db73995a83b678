package org.mynn.render;

import java.awt.image.BufferedImage;

/** Draws one image of values. */
public interface ImageRenderer {

    /**
     * @param values {@code rows * cols} values, row-major; not modified
     * @param scale  each value becomes a {@code scale x scale} block (nearest neighbour; 10 makes a digit 280x280)
     * @return a new {@code cols*scale x rows*scale} RGB image
     */
    BufferedImage render(double[] values, int rows, int cols, ColorMap map, int scale);
}
