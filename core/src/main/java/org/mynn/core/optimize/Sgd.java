package org.mynn.core.optimize;

import java.util.List;

/**
 * The book's plain stochastic gradient descent, {@code p += lr * dir}: no state. The training engines use their fused
 * kernels for it, so the book's training stays bit for bit what it was.
 */
public final class Sgd implements Optimizer {

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public int slots() {
        return 0;
    }

    @Override
    public double[] settings(List<Double> given) {
        return Settings.fill(name(), given, new String[0], new double[0], new boolean[0]);
    }

    @Override
    public String usage() {
        return "sgd";
    }

    @Override
    public double step(double p, double dir, double lr, long t, double[] settings, double[][] state, int at) {
        return Math.fma(lr, dir, p);
    }

    @Override
    public void stepEach(double[] p, int off, int n, double[] dir, int doff, double lr, long t, double[] settings,
            double[][] state) {
        for (int j = 0; j < n; j++) {
            p[off + j] = Math.fma(lr, dir[doff + j], p[off + j]);
        }
    }

    @Override
    public void stepEach(float[] p, int off, int n, float[] dir, int doff, double lr, long t, double[] settings,
            double[][] state) {
        for (int j = 0; j < n; j++) {
            p[off + j] = (float) Math.fma(lr, dir[doff + j], p[off + j]);
        }
    }

    @Override
    public String description() {
        return "p += lr * dir, the book's";
    }
}
