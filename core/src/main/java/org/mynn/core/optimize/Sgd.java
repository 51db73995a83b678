package org.mynn.core.optimize;

import java.util.List;

/**
 * The book's plain stochastic gradient descent, {@code p += lr * dir}: no state, no settings. The training engines use
 * their fused kernels for it ({@link Configured#plain()}), so the book's training stays bit for bit what it was.
 */
public record Sgd() implements Optimizer {

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public int slots() {
        return 0;
    }

    @Override
    public Sgd configure(List<Double> given) {
        Settings.of(name(), given);
        return this;
    }

    @Override
    public String usage() {
        return "sgd";
    }

    @Override
    public double step(double p, double dir, Step s, double[][] state, int at) {
        return Math.fma(s.lr(), dir, p);
    }

    @Override
    public String description() {
        return "p += lr * dir, the book's";
    }
}
