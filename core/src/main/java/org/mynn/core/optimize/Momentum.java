package org.mynn.core.optimize;

import java.util.List;

/**
 * Classical momentum (Polyak): a velocity that remembers past steps, {@code v = mu v + lr dir; p += v}; {@code mu}
 * 0.9 unless given ({@code momentum:0.95}).
 *
 * @param mu how much of the velocity stays from one step to the next, between 0 and 1
 */
public record Momentum(double mu) implements Optimizer, RowSteps {

    /** With the default, {@code mu} 0.9. */
    public Momentum() {
        this(0.9);
    }

    @Override
    public String name() {
        return "momentum";
    }

    @Override
    public int slots() {
        return 1;
    }

    @Override
    public Momentum configure(List<Double> given) {
        return new Momentum(Settings.of(name(), given, "MU").fraction(0, 0.9));
    }

    @Override
    public String usage() {
        return "momentum[:MU]";
    }

    @Override
    public double step(double p, double dir, Step s, double[][] state, int at) {
        return p + move(mu, s.lr() * dir, state[0], at);
    }

    /**
     * The step of parameter {@code i}, whose velocity is {@code v[i]}, with {@code g = lr dir}; the loops inline it.
     * They pass {@code mu} from a local variable (read from the record in the loop, it costs a fifth of the loop's
     * time), and add the parameter to the step, not the step to the parameter ({@code p = move(...) + p}, the same
     * sum): so {@code p} is read after the velocity is stored, as in a loop written out, which the compiler makes
     * faster than the other order.
     */
    private static double move(double mu, double g, double[] v, int i) {
        double nv = mu * v[i] + g;
        v[i] = nv;
        return nv;
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
        return "v = mu v + lr dir; p += v (mu 0.9)";
    }
}
