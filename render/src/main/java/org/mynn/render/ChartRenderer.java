package org.mynn.render;

import java.awt.image.BufferedImage;
import java.util.List;
import org.mynn.core.model.Provenance;

/** Draws charts about training and testing. */
public interface ChartRenderer {

    /** Test accuracy and mean squared error per epoch, on two axes. */
    BufferedImage training(List<Provenance.Epoch> history, String title, int width, int height);

    /**
     * One line of a parameter sweep: accuracy against a parameter's values, with the spread over repeats.
     *
     * @param name shown in the legend, e.g. "hidden 200, 5 epochs"
     * @param low  per value the lowest accuracy of the repeats (equal to {@code mean} without repeats)
     * @param high per value the highest
     */
    record SweepSeries(String name, double[] x, double[] mean, double[] low, double[] high) {
    }

    /** Accuracy against one swept parameter, a line per combination of the others, the repeats' range as bars. */
    BufferedImage sweep(String title, String xLabel, List<SweepSeries> series, int width, int height);

    /**
     * One run's learning curve: test accuracy after each epoch against {@code x} (the epoch, or the wall time when it
     * was reached).
     *
     * @param name shown in the legend
     */
    record Curve(String name, double[] x, double[] accuracy) {
    }

    /**
     * Learning curves of several runs on one chart, test accuracy against {@code xLabel}; {@code target} (NaN for none)
     * drawn as a dashed horizontal line, so that where each run first reaches it can be read off.
     */
    BufferedImage curves(String title, String xLabel, List<Curve> curves, double target, int width, int height);

    /**
     * A confusion-matrix heatmap with the count in every cell.
     *
     * @param counts  {@code counts[true][predicted]}
     * @param classes names along both axes
     */
    BufferedImage confusion(int[][] counts, List<String> classes, String title, int width, int height);
}
