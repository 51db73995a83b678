package org.mynn.cli.web;

import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.render.ImageRenderer;
import org.mynn.render.NetworkViews;
import org.mynn.render.Tile;

/**
 * What the lab shows of a network, drawn by {@code render}: the tiles come from {@link NetworkViews} and their colours
 * from its {@link ImageRenderer}, the same code {@code mynn backquery}, {@code mynn weights} and the drawing page use,
 * so a picture of the lab is the picture of the command, on the same scale (each scaled to its own range). This class
 * only lays the tiles out and encodes them.
 */
final class LabViews {

    /** The most first-layer units drawn live. */
    static final int MAX_TILES = 400;
    /** Units per row of the weights mosaic. */
    static final int COLUMNS = 20;

    private final ImageRenderer images;

    @Inject
    LabViews(ImageRenderer images) {
        this.images = images;
    }

    /**
     * @return the backquery picture of every class as grey levels 0..255, ink high (the page draws {@code 255 - v}): the
     *         pixels of {@link #backqueryPng} at scale 1; null when the network cannot be run backwards
     */
    List<int[]> backquery(NeuralNetwork net) {
        if (!net.canBackquery()) {
            return null;
        }
        int side = NetworkViews.squareSide(net.inputSize());
        List<int[]> out = new ArrayList<>();
        for (int k = 0; k < net.outputSize(); k++) {
            Tile t = NetworkViews.backquery(net, k, Integer.toString(k), side, side);
            int[] rgb = t.map().colorize(t.values());
            int[] ink = new int[rgb.length];
            for (int i = 0; i < rgb.length; i++) {
                ink[i] = 255 - (rgb[i] & 0xff);
            }
            out.add(ink);
        }
        return out;
    }

    /**
     * @param scale pixels per value, as {@code mynn backquery --scale}
     * @return the backquery picture of class {@code label}, as {@code mynn backquery --label} writes it
     */
    byte[] backqueryPng(NeuralNetwork net, int label, int scale) {
        int side = NetworkViews.squareSide(net.inputSize());
        Tile t = NetworkViews.backquery(net, label, Integer.toString(label), side, side);
        return ModelRegistry.png(images.render(t.values(), side, side, t.map(), scale));
    }

    /**
     * The first layer's units' incoming weights ({@link NetworkViews#hiddenUnits}, at most {@value #MAX_TILES}), one
     * pixel per weight (the page scales them up), red for positive, blue for negative, each tile on its own scale as in
     * {@code mynn weights}; side by side, {@value #COLUMNS} to a row, a white line between them.
     */
    BufferedImage weights(NeuralNetwork net) {
        int side = NetworkViews.squareSide(net.inputSize());
        List<Tile> tiles = NetworkViews.hiddenUnits(net, side, side, MAX_TILES);
        int cols = Math.min(COLUMNS, tiles.size());
        int rows = (tiles.size() + cols - 1) / cols;
        int cell = side + 1;
        int width = cols * cell + 1;
        BufferedImage out = new BufferedImage(width, rows * cell + 1, BufferedImage.TYPE_INT_RGB);
        int[] px = ((java.awt.image.DataBufferInt) out.getRaster().getDataBuffer()).getData();
        java.util.Arrays.fill(px, 0xffffff);
        int[] line = new int[side];
        for (int u = 0; u < tiles.size(); u++) {
            Tile t = tiles.get(u);
            BufferedImage tile = images.render(t.values(), side, side, t.map(), 1);
            int x0 = (u % cols) * cell + 1;
            int y0 = (u / cols) * cell + 1;
            for (int y = 0; y < side; y++) {
                tile.getRGB(0, y, side, 1, line, 0, side);
                for (int x = 0; x < side; x++) {
                    px[(y0 + y) * width + x0 + x] = line[x] & 0xffffff;
                }
            }
        }
        return out;
    }

    /** @return {@link #weights} as a PNG */
    byte[] weightsPng(NeuralNetwork net) {
        return ModelRegistry.png(weights(net));
    }
}
