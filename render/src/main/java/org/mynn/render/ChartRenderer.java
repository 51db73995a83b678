package org.mynn.render;

import java.awt.image.BufferedImage;
import java.util.List;
import org.mynn.core.TrainingFacts;

/** Draws charts about training and testing. */
public interface ChartRenderer {

    /** Test accuracy and mean squared error per epoch, on two axes. */
    BufferedImage training(List<TrainingFacts.Epoch> history, String title, int width, int height);

    /**
     * A confusion-matrix heatmap with the count in every cell.
     *
     * @param counts  {@code counts[true][predicted]}
     * @param classes names along both axes
     */
    BufferedImage confusion(int[][] counts, List<String> classes, String title, int width, int height);
}
