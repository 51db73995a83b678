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
    public String description() {
        return "p += lr * dir, the book's";
    }
}
