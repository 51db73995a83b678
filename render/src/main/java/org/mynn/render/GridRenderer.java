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
}
