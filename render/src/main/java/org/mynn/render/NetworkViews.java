package org.mynn.render;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Targets;

/** The two ways to look inside a network, as tiles: backquery per class, and hidden units' incoming weights. */
public final class NetworkViews {

    private NetworkViews() {
    }

    /**
     * The seed's picture: backquery of targets 0.01 everywhere but 0.99 at {@code label}, drawn with Greys.
     *
     * @param rows the picture's rows; {@code rows * cols} must be the network's input size
     */
    public static Tile backquery(NeuralNetwork net, int label, String caption, int rows, int cols) {
        double[] image = net.backquery(Targets.oneHot(label, net.outputSize()));
        return new Tile(image, rows, cols, caption, ColorMap.GREYS);
    }

    /** Backquery of every class, captioned with its name. */
    public static List<Tile> backqueryAll(NeuralNetwork net, List<String> classes, int rows, int cols) {
        List<Tile> tiles = new ArrayList<>();
        for (int label = 0; label < net.outputSize(); label++) {
            tiles.add(backquery(net, label, label < classes.size() ? classes.get(label) : Integer.toString(label), rows, cols));
        }
        return tiles;
    }

    /**
     * The incoming weights of the first hidden layer's units (rows of weight matrix 0), each as a
     * {@code rows x cols} tile with the diverging map: red pixels push the unit up, blue pull it down.
     *
     * @param max at most this many units, the first ones
     */
    public static List<Tile> hiddenUnits(NeuralNetwork net, int rows, int cols, int max) {
        DMatrixRMaj w = net.weights(0);
        List<Tile> tiles = new ArrayList<>();
        for (int j = 0; j < Math.min(max, w.numRows); j++) {
            double[] row = new double[w.numCols];
            System.arraycopy(w.data, j * w.numCols, row, 0, w.numCols);
            tiles.add(new Tile(row, rows, cols, "#" + j, ColorMap.DIVERGING));
        }
        return tiles;
    }

    /** @return the side of a square picture of {@code n} pixels, or -1 when {@code n} is not a square */
    public static int squareSide(int n) {
        int s = (int) Math.round(Math.sqrt(n));
        return s * s == n ? s : -1;
    }
}
