package org.mynn.core.optimize;

import java.util.List;

/**
 * Nesterov's momentum, in the form that steps from the current parameters (Sutskever et al. 2013):
 * {@code v = mu v + lr dir; p += mu v + lr dir}; {@code mu} 0.9 unless given ({@code nesterov:0.95}).
 *
 * @param mu how much of the velocity stays from one step to the next, between 0 and 1
 */
public record Nesterov(double mu) implements Optimizer, RowSteps {

    /** With the default, {@code mu} 0.9. */
    public Nesterov() {
        this(0.9);
    }

    @Override
    public String name() {
        return "nesterov";
    }

    @Override
    public int slots() {
        return 1;
    }

    @Override
    public Nesterov configure(List<Double> given) {
        return new Nesterov(Settings.of(name(), given, "MU").fraction(0, 0.9));
    }

    @Override
    public String usage() {
        return "nesterov[:MU]";
    }

    @Override
    public double step(double p, double dir, Step s, double[][] state, int at) {
        return p + move(mu, s.lr() * dir, state[0], at);
    }

    /**
     * The step of parameter {@code i}, whose velocity is {@code v[i]}, with {@code g = lr dir}; the loops inline it
     * (and pass {@code mu} from a local variable and add the parameter last, as {@link Momentum}'s do, for speed).
     */
    private static double move(double mu, double g, double[] v, int i) {
        double nv = mu * v[i] + g;
        v[i] = nv;
        return mu * nv + g;
    }

    @Override
    public void row(double[] p, int off, int n, double a, double[] x, Step s, double[][] state) {
        double mu = this.mu, lr = s.lr();
        for (int j = 0; j < n; j++) {
            p[off + j] = move(mu, lr * (a * x[j]), state[0], off + j) + p[off + j];
        }
    }

    @Override
    public void row(float[] p, int off, int n, double a, float[] x, Step s, double[][] state) {
        double mu = this.mu, lr = s.lr();
        for (int j = 0; j < n; j++) {
            p[off + j] = (float) (move(mu, lr * (a * x[j]), state[0], off + j) + p[off + j]);
        }
    }

    @Override
    public void each(double[] p, int off, int n, double[] dir, int doff, Step s, double[][] state) {
        double mu = this.mu, lr = s.lr();
        for (int j = 0; j < n; j++) {
            p[off + j] = move(mu, lr * dir[doff + j], state[0], off + j) + p[off + j];
        }
    }

    @Override
    public void each(float[] p, int off, int n, float[] dir, int doff, Step s, double[][] state) {
        double mu = this.mu, lr = s.lr();
        for (int j = 0; j < n; j++) {
            p[off + j] = (float) (move(mu, lr * dir[doff + j], state[0], off + j) + p[off + j]);
        }
    }

    @Override
    public String description() {
        return "v = mu v + lr dir; p += mu v + lr dir (mu 0.9)";
    }
}
