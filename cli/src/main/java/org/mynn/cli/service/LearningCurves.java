package org.mynn.cli.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mynn.core.MynnException;
import org.mynn.core.model.Provenance;
import org.mynn.render.ChartRenderer.Curve;

/**
 * The learning curves a model file records: test accuracy after each epoch, against the epoch or against the minutes of
 * training so far (the epochs' recorded seconds summed: training and augmentation, not the tests after each epoch),
 * and when a run first reached a target accuracy. {@code mynn curves} draws and prints them; bench/beyond-98.sh uses
 * it for time to accuracy.
 */
public final class LearningCurves {

    /** What the x axis counts. */
    public enum Axis {
        minutes("minutes of training"), epochs("epoch");

        private final String label;

        Axis(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One run's curve and figures.
     *
     * @param epoch   the epochs with a test accuracy
     * @param minutes training minutes up to the end of each of them
     * @param reached the index of the first epoch at or above the target, -1 if none (or no target)
     */
    public record Run(String name, Path file, int[] epoch, double[] minutes, double[] accuracy, int reached) {

        /** @return the index of the best epoch (the first of equals) */
        public int best() {
            int b = 0;
            for (int i = 1; i < accuracy.length; i++) {
                if (accuracy[i] > accuracy[b]) {
                    b = i;
                }
            }
            return b;
        }

        /** @return this run as a curve against {@code axis} */
        public Curve curve(Axis axis) {
            double[] x = new double[epoch.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = axis == Axis.epochs ? epoch[i] : minutes[i];
            }
            return new Curve(name, x, accuracy);
        }
    }

    private LearningCurves() {
    }

    /**
     * @param target the accuracy whose first epoch is wanted, NaN for none
     * @throws MynnException naming the file when it records no epoch with a test accuracy
     */
    public static Run of(String name, Path file, Provenance p, double target) {
        List<Provenance.Epoch> tested = new ArrayList<>();
        List<Double> minutes = new ArrayList<>();
        double seconds = 0;
        for (Provenance.Epoch e : p.history() == null ? List.<Provenance.Epoch>of() : p.history()) {
            seconds += e.seconds() == null ? 0 : e.seconds();
            if (e.accuracy() != null) {
                tested.add(e);
                minutes.add(seconds / 60);
            }
        }
        if (tested.isEmpty()) {
            throw new MynnException(file + ": training.history records no epoch with a test accuracy (was it trained"
                    + " with test data?)");
        }
        int n = tested.size();
        int[] epoch = new int[n];
        double[] min = new double[n];
        double[] acc = new double[n];
        int reached = -1;
        for (int i = 0; i < n; i++) {
            epoch[i] = tested.get(i).epoch();
            min[i] = minutes.get(i);
            acc[i] = tested.get(i).accuracy();
            if (reached < 0 && !Double.isNaN(target) && acc[i] >= target) {
                reached = i;
            }
        }
        return new Run(name, file, epoch, min, acc, reached);
    }

    /** @return a name for the run in {@code file}: the file's name without ".json" */
    public static String nameOf(Path file) {
        String f = file.getFileName().toString();
        return f.endsWith(".json") ? f.substring(0, f.length() - 5) : f;
    }
}
