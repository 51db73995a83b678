package org.mynn.core.train;

import org.mynn.core.MynnException;
import org.mynn.core.model.Provenance.OptimizerState;
import org.mynn.core.optimize.Configured;

/**
 * An optimizer at work in an engine: its settings, the state it keeps for every parameter (one array per slot and
 * tensor: the weight matrices first, then the bias vectors), the step count and the learning rate of the epoch.
 */
final class Steps {

    final Configured optimizer;
    final double[] settings;
    /** {@code state[tensor][slot]}: one value per parameter of the tensor. */
    final double[][][] state;
    long t;
    double lr;

    /** @param sizes the number of parameters of each tensor */
    Steps(Configured optimizer, int[] sizes, double lr) {
        this.optimizer = optimizer;
        this.settings = optimizer.settings();
        int slots = optimizer.optimizer().slots();
        state = new double[sizes.length][slots][];
        for (int i = 0; i < sizes.length; i++) {
            for (int s = 0; s < slots; s++) {
                state[i][s] = new double[sizes[i]];
            }
        }
        this.lr = lr;
    }

    /** @return the state, copied, for a checkpoint; null when the optimizer keeps none */
    OptimizerState export() {
        int slots = optimizer.optimizer().slots();
        if (slots == 0) {
            return null;
        }
        double[][][] out = new double[slots][state.length][];
        for (int s = 0; s < slots; s++) {
            for (int i = 0; i < state.length; i++) {
                out[s][i] = state[i][s].clone();
            }
        }
        return new OptimizerState(optimizer.spec(), t, out);
    }

    /**
     * Takes over a checkpoint's state.
     *
     * @throws MynnException when it was another optimizer's or its sizes do not fit
     */
    void restore(OptimizerState saved) {
        int slots = optimizer.optimizer().slots();
        if (saved == null) {
            if (slots > 0) {
                throw new MynnException("the checkpoint holds no state of optimizer '" + optimizer.spec() + "'");
            }
            return;
        }
        if (!saved.optimizer().equals(optimizer.spec())) {
            throw new MynnException("the checkpoint holds the state of optimizer '" + saved.optimizer() + "', not of '"
                    + optimizer.spec() + "'");
        }
        if (saved.slots().length != slots) {
            throw new MynnException("the checkpoint's optimizer state has " + saved.slots().length + " slots but '"
                    + optimizer.spec() + "' keeps " + slots);
        }
        for (int s = 0; s < slots; s++) {
            if (saved.slots()[s].length != state.length) {
                throw new MynnException("the checkpoint's optimizer state has " + saved.slots()[s].length + " tensors but the"
                        + " network has " + state.length);
            }
            for (int i = 0; i < state.length; i++) {
                if (saved.slots()[s][i].length != state[i][s].length) {
                    throw new MynnException("the checkpoint's optimizer state for tensor " + i + " has "
                            + saved.slots()[s][i].length + " values but the network has " + state[i][s].length);
                }
                System.arraycopy(saved.slots()[s][i], 0, state[i][s], 0, state[i][s].length);
            }
        }
        t = saved.step();
    }

    /** The bias vector {@code b} takes a step with descent directions {@code dir[r]} for rows {@code [r0, r1)}. */
    void biases(int tensor, double[] b, double[] dir, int r0, int r1) {
        optimizer.optimizer().stepEach(b, r0, r1 - r0, dir, r0, lr, t, settings, state[tensor]);
    }

    /** Parameters {@code [off, off + n)} of tensor {@code tensor} take a step with descent directions {@code dir[0, n)}. */
    void each(int tensor, double[] p, int off, int n, double[] dir) {
        optimizer.optimizer().stepEach(p, off, n, dir, 0, lr, t, settings, state[tensor]);
    }

    /** {@link #each(int, double[], int, int, double[])} for float parameters and directions. */
    void each(int tensor, float[] p, int off, int n, float[] dir) {
        optimizer.optimizer().stepEach(p, off, n, dir, 0, lr, t, settings, state[tensor]);
    }

    /** Row {@code r} of weight matrix {@code tensor} ({@code n} columns) takes a step with directions {@code a * x[j]}. */
    void row(int tensor, double[] w, int r, int n, double a, double[] x) {
        optimizer.optimizer().stepRow(w, r * n, n, a, x, lr, t, settings, state[tensor]);
    }

    /** {@link #row(int, double[], int, int, double, double[])} for float weights. */
    void row(int tensor, float[] w, int r, int n, double a, float[] x) {
        optimizer.optimizer().stepRow(w, r * n, n, a, x, lr, t, settings, state[tensor]);
    }
}
