package org.mynn.core.train;

import org.mynn.core.MynnException;
import org.mynn.core.kernel.FloatStep;
import org.mynn.core.kernel.Kernels;
import org.mynn.core.model.Provenance.OptimizerState;
import org.mynn.core.optimize.Adam;
import org.mynn.core.optimize.Configured;
import org.mynn.core.optimize.Momentum;
import org.mynn.core.optimize.Nesterov;
import org.mynn.core.optimize.Optimizer;
import org.mynn.core.optimize.RowSteps;
import org.mynn.core.optimize.Sgd;
import org.mynn.core.optimize.Step;

/**
 * An optimizer at work in an engine: its settings, the state it keeps for every parameter (one array per slot and
 * tensor: the weight matrices first, then the bias vectors), the step count and the learning rate of the epoch.
 *
 * <p>The state has the precision of its parameters. With float weights and a built-in optimizer (sgd, momentum,
 * nesterov, adam) the weight matrices' state is float ({@link #floats}) and their steps are {@link FloatStep}'s, fused
 * into the mini-batch kernel ({@link Kernels#stepBatch}) or in a scalar loop per sample; the biases, double in both
 * precisions, keep double state. Any other optimizer (a plugin) keeps double state and steps each float weight
 * through its double {@code step}, widened and rounded back. Checkpoints hold the state in double either way: float
 * widens exactly, and a float run narrows it back on restore, so that it goes on bit for bit.
 */
final class Steps {

    final Configured optimizer;
    /** The optimizer's row loops: its own, or its {@code step} for each parameter. */
    private final RowSteps rows;
    /** {@code state[tensor][slot]}: one value per parameter of the tensor; null for the tensors {@link #floats} holds. */
    final double[][][] state;
    /** {@code floats[tensor][slot]} for the first {@code floats.length} tensors (float weights); null when none. */
    private final float[][][] floats;
    long t;
    double lr;
    /** The last {@link #step()}, kept so that rows do not each make one. */
    private Step last = new Step(Double.NaN, 0);
    /** The last {@link #floatStep()}, with the step number and learning rate it was made for (one immutable record). */
    private FloatMade lastFloat = new FloatMade(null, -1, Double.NaN);

    private record FloatMade(FloatStep step, long t, double lr) {
    }

    /**
     * @param sizes       the number of parameters of each tensor
     * @param floatTensors how many of the first tensors have float parameters (0 in double)
     */
    Steps(Configured optimizer, int[] sizes, double lr, int floatTensors) {
        this.optimizer = optimizer;
        this.rows = RowSteps.of(optimizer.optimizer());
        int slots = optimizer.optimizer().slots();
        int fl = builtIn(optimizer.optimizer()) ? floatTensors : 0;
        floats = fl == 0 ? null : new float[fl][slots][];
        state = new double[sizes.length][slots][];
        for (int i = 0; i < sizes.length; i++) {
            for (int s = 0; s < slots; s++) {
                if (i < fl) {
                    floats[i][s] = new float[sizes[i]];
                } else {
                    state[i][s] = new double[sizes[i]];
                }
            }
        }
        this.lr = lr;
    }

    /** @return true for the optimizers {@link FloatStep} has: mynn's own, not a plugin that shares a name */
    private static boolean builtIn(Optimizer o) {
        return o.getClass() == Momentum.class || o.getClass() == Nesterov.class || o.getClass() == Adam.class
                || o.getClass() == Sgd.class;
    }

    /** @return true when tensor {@code tensor}'s state is float and its mini-batch steps go through {@link #batch} */
    boolean fused(int tensor) {
        return floats != null && tensor < floats.length;
    }

    /** @return true when the weight matrices' state is float ({@link #fused}) */
    boolean fused() {
        return floats != null;
    }

    /** @return this step in float, made once per step number and learning rate (racing threads make equal ones) */
    private FloatStep floatStep() {
        FloatMade made = lastFloat;
        long tt = t;
        double rate = lr;
        if (made.step() == null || made.t() != tt || Double.doubleToLongBits(made.lr()) != Double.doubleToLongBits(rate)) {
            Optimizer o = optimizer.optimizer();
            FloatStep f;
            if (o instanceof Momentum m) {
                f = FloatStep.momentum(rate, m.mu(), false);
            } else if (o instanceof Nesterov m) {
                f = FloatStep.momentum(rate, m.mu(), true);
            } else if (o instanceof Adam a) {
                f = FloatStep.adam(rate, a.b1(), a.b2(), a.eps(), tt);
            } else {
                f = FloatStep.sgd(rate);
            }
            made = new FloatMade(f, tt, rate);
            lastFloat = made;
        }
        return made.step();
    }

    /**
     * The fused step of rows {@code [r0, r1)} of float weight matrix {@code tensor} ({@link #fused(int)}) with the
     * mini-batch's averaged gradient ({@link Kernels#stepBatch}).
     */
    void batch(int tensor, Kernels k, float inv, float[] gt, int b, float[] a, int n, float[] w, int r0, int r1) {
        float[][] s = floats[tensor];
        k.stepBatch(floatStep(), inv, gt, b, a, n, w, s.length > 0 ? s[0] : null, s.length > 1 ? s[1] : null, r0, r1);
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
                if (fused(i)) {
                    float[] f = floats[i][s];
                    out[s][i] = new double[f.length];
                    for (int j = 0; j < f.length; j++) {
                        out[s][i][j] = f[j];
                    }
                } else {
                    out[s][i] = state[i][s].clone();
                }
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
                double[] from = saved.slots()[s][i];
                int size = fused(i) ? floats[i][s].length : state[i][s].length;
                if (from.length != size) {
                    throw new MynnException("the checkpoint's optimizer state for tensor " + i + " has "
                            + from.length + " values but the network has " + size);
                }
                if (fused(i)) {
                    float[] f = floats[i][s];
                    for (int j = 0; j < size; j++) {
                        f[j] = (float) from[j];
                    }
                } else {
                    System.arraycopy(from, 0, state[i][s], 0, size);
                }
            }
        }
        t = saved.step();
    }

    /**
     * @return this step's learning rate and number, as the engines last set them; the threads of a step may race to
     *         make it, harmlessly (they make equal ones, and a record's final fields are safely published)
     */
    private Step step() {
        Step s = last;
        if (s.t() != t || Double.doubleToLongBits(s.lr()) != Double.doubleToLongBits(lr)) {
            s = new Step(lr, t);
            last = s;
        }
        return s;
    }

    /** The bias vector {@code b} takes a step with descent directions {@code dir[r]} for rows {@code [r0, r1)}. */
    void biases(int tensor, double[] b, double[] dir, int r0, int r1) {
        each(tensor, b, r0, r1 - r0, dir, r0);
    }

    /** Parameters {@code p[off + j]}, {@code j < n}, of tensor {@code tensor} step with directions {@code dir[doff + j]}. */
    void each(int tensor, double[] p, int off, int n, double[] dir, int doff) {
        rows.each(p, off, n, dir, doff, step(), state[tensor]);
    }

    /** {@link #each(int, double[], int, int, double[], int)} for float parameters and directions. */
    void each(int tensor, float[] p, int off, int n, float[] dir, int doff) {
        rows.each(p, off, n, dir, doff, step(), state[tensor]);
    }

    /** Row {@code r} of weight matrix {@code tensor} ({@code n} columns) takes a step with directions {@code a * x[j]}. */
    void row(int tensor, double[] w, int r, int n, double a, double[] x) {
        rows.row(w, r * n, n, a, x, step(), state[tensor]);
    }

    /**
     * {@link #row(int, double[], int, int, double, double[])} for float weights: with float state
     * ({@link #fused(int)}), {@link FloatStep#row} with the float directions {@code (float) a * x[j]}.
     */
    void row(int tensor, float[] w, int r, int n, double a, float[] x) {
        if (fused(tensor)) {
            float[][] s = floats[tensor];
            floatStep().row(w, r * n, n, (float) a, x, s.length > 0 ? s[0] : null, s.length > 1 ? s[1] : null);
            return;
        }
        rows.row(w, r * n, n, a, x, step(), state[tensor]);
    }
}
