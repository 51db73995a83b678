package org.mynn.render;

import java.awt.image.BufferedImage;
import java.util.List;

/** Draws several images in a grid, each with its caption. */
public interface GridRenderer {

    /**
     * @param tiles   drawn left to right, top to bottom; all the same size
     * @param columns tiles per row
     * @param scale   pixels per value
     * @param title   drawn above the grid; null or empty for none
     */
    BufferedImage grid(List<Tile> tiles, int columns, int scale, String title);

    /**
     * Checks, before the tiles are made, that a grid of {@code count} tiles like {@code sample} can be drawn.
     *
     * @throws org.mynn.core.MynnException when the picture would be larger than mynn draws or memory allows
     */
    void checkSize(int count, Tile sample, int columns, int scale, String title);
}
