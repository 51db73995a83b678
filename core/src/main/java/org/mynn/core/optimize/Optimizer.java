package org.mynn.core.optimize;

import java.util.List;
import org.mynn.core.MynnException;
import org.mynn.core.Plugin;

/**
 * How a parameter moves, given the direction of steepest descent {@code dir = -dL/dp}: the third kind of mynn's
 * plugins. The book's plain step is {@code p += lr * dir} ({@link Sgd}); others keep state per parameter (momentum's
 * velocity, Adam's moments), which checkpoints save so that a resumed run goes on bit for bit.
 *
 * <p>A plugin implements {@link #slots()}, {@link #settings} and the one-parameter {@link #step}; the row methods,
 * which the training engines call, default to it, and the built-ins override them with tight loops. Found by
 * {@link java.util.ServiceLoader} ({@code META-INF/services/org.mynn.core.optimize.Optimizer}), named in the model's
 * provenance, checked by {@link OptimizerContract}.
 */
public interface Optimizer extends Plugin {

    /** @return how many values of state it keeps per parameter (0 for plain SGD) */
    int slots();

    /**
     * @param given the numbers after its name on the command line ({@code momentum:0.95} gives {0.95}); may be empty
     * @return its settings with the defaults filled in
     * @throws MynnException naming the setting that is out of range
     */
    double[] settings(List<Double> given);

    /** @return how it is written with its settings, e.g. "momentum[:MU]" */
    String usage();

    /**
     * One parameter's step.
     *
     * @param p        the parameter
     * @param dir      the direction of steepest descent, {@code -dL/dp}
     * @param lr       the learning rate, as scheduled
     * @param t        this step's number, from 1
     * @param settings from {@link #settings}
     * @param state    {@link #slots()} arrays; the parameter's values are at {@code at}; modified
     * @return the new value of the parameter
     */
    double step(double p, double dir, double lr, long t, double[] settings, double[][] state, int at);

    /**
     * The parameters {@code p[off + j]}, {@code j < n}, of one row, whose descent directions are {@code a * x[j]} (a
     * node's delta times the inputs of its weights); the state of {@code p[i]} is at {@code i}.
     *
     * @param p modified
     */
    default void stepRow(double[] p, int off, int n, double a, double[] x, double lr, long t, double[] settings, double[][] state) {
        for (int j = 0; j < n; j++) {
            p[off + j] = step(p[off + j], a * x[j], lr, t, settings, state, off + j);
        }
    }

    /** {@link #stepRow(double[], int, int, double, double[], double, long, double[], double[][])} for float parameters. */
    default void stepRow(float[] p, int off, int n, double a, float[] x, double lr, long t, double[] settings, double[][] state) {
        for (int j = 0; j < n; j++) {
            p[off + j] = (float) step(p[off + j], a * x[j], lr, t, settings, state, off + j);
        }
    }

    /**
     * The parameters {@code p[off + j]}, {@code j < n}, with their descent directions {@code dir[doff + j]} (a mini-batch's
     * averaged gradient, negated; or biases, whose direction is their node's delta).
     *
     * @param p modified
     */
    default void stepEach(double[] p, int off, int n, double[] dir, int doff, double lr, long t, double[] settings,
            double[][] state) {
        for (int j = 0; j < n; j++) {
            p[off + j] = step(p[off + j], dir[doff + j], lr, t, settings, state, off + j);
        }
    }

    /** {@link #stepEach(double[], int, int, double[], int, double, long, double[], double[][])} for float parameters. */
    default void stepEach(float[] p, int off, int n, double[] dir, int doff, double lr, long t, double[] settings,
            double[][] state) {
        for (int j = 0; j < n; j++) {
            p[off + j] = (float) step(p[off + j], dir[doff + j], lr, t, settings, state, off + j);
        }
    }

    /**
     * {@link #stepEach(double[], int, int, double[], int, double, long, double[], double[][])} for float parameters and
     * float directions (the float mini-batch engine's averaged gradient), each direction widened to double.
     */
    default void stepEach(float[] p, int off, int n, float[] dir, int doff, double lr, long t, double[] settings,
            double[][] state) {
        for (int j = 0; j < n; j++) {
            p[off + j] = (float) step(p[off + j], dir[doff + j], lr, t, settings, state, off + j);
        }
    }
}
