package org.mynn.core.optimize;

import java.util.List;

/**
 * Adam (Kingma and Ba, 2015): running means of the gradient and of its square, corrected for their start at 0, give
 * each parameter its own step: {@code m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
 * p -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)} with {@code g = -dir}; {@code b1, b2, eps} 0.9, 0.999 and
 * 1e-8 unless given ({@code adam:0.9:0.999:1e-8}). Its learning rate is much smaller than the book's: 0.001 is usual.
 *
 * @param b1  how much of the running mean of the gradient stays from step to step, between 0 and 1
 * @param b2  the same for the running mean of its square
 * @param eps added to the square root of the latter, a positive number
 */
public record Adam(double b1, double b2, double eps) implements Optimizer, RowSteps {

    /** With the defaults: 0.9, 0.999, 1e-8. */
    public Adam() {
        this(0.9, 0.999, 1e-8);
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    public int slots() {
        return 2;
    }

    @Override
    public Adam configure(List<Double> given) {
        Settings s = Settings.of(name(), given, "B1", "B2", "EPS");
        return new Adam(s.fraction(0, 0.9), s.fraction(1, 0.999), s.positive(2, 1e-8));
    }

    @Override
    public String usage() {
        return "adam[:B1[:B2[:EPS]]]";
    }

    @Override
    public double step(double p, double dir, Step s, double[][] state, int at) {
        return p + move(dir, b1, b2, eps, s.lr(), bias(b1, s), bias(b2, s), state, at);
    }

    /** @return {@code 1 - b^t}, the correction of a running mean with factor {@code b} for its start at 0 */
    private static double bias(double b, Step s) {
        return 1 - Math.pow(b, s.t());
    }

    /**
     * The step of parameter {@code i} with descent direction {@code d}, whose running means are {@code state[0][i]}
     * and {@code state[1][i]}, with their corrections {@code c1 = 1 - b1^t} and {@code c2 = 1 - b2^t}. The loops
     * inline it, and pass the settings from local variables and add the parameter last, as {@link Momentum}'s do, for
     * speed.
     */
    private static double move(double d, double b1, double b2, double eps, double lr, double c1, double c2,
            double[][] state, int i) {
        double m = b1 * state[0][i] + (1 - b1) * d;
        double v = b2 * state[1][i] + (1 - b2) * d * d;
        state[0][i] = m;
        state[1][i] = v;
        return lr * (m / c1) / (Math.sqrt(v / c2) + eps);
    }

    @Override
    public void row(double[] p, int off, int n, double a, double[] x, Step s, double[][] state) {
        double b1 = this.b1, b2 = this.b2, eps = this.eps, lr = s.lr(), c1 = bias(b1, s), c2 = bias(b2, s);
        for (int j = 0; j < n; j++) {
            p[off + j] = move(a * x[j], b1, b2, eps, lr, c1, c2, state, off + j) + p[off + j];
        }
    }

    @Override
    public void row(float[] p, int off, int n, double a, float[] x, Step s, double[][] state) {
        double b1 = this.b1, b2 = this.b2, eps = this.eps, lr = s.lr(), c1 = bias(b1, s), c2 = bias(b2, s);
        for (int j = 0; j < n; j++) {
            p[off + j] = (float) (move(a * x[j], b1, b2, eps, lr, c1, c2, state, off + j) + p[off + j]);
        }
    }

    @Override
    public void each(double[] p, int off, int n, double[] dir, int doff, Step s, double[][] state) {
        double b1 = this.b1, b2 = this.b2, eps = this.eps, lr = s.lr(), c1 = bias(b1, s), c2 = bias(b2, s);
        for (int j = 0; j < n; j++) {
            p[off + j] = move(dir[doff + j], b1, b2, eps, lr, c1, c2, state, off + j) + p[off + j];
        }
    }

    @Override
    public void each(float[] p, int off, int n, float[] dir, int doff, Step s, double[][] state) {
        double b1 = this.b1, b2 = this.b2, eps = this.eps, lr = s.lr(), c1 = bias(b1, s), c2 = bias(b2, s);
        for (int j = 0; j < n; j++) {
            p[off + j] = (float) (move(dir[doff + j], b1, b2, eps, lr, c1, c2, state, off + j) + p[off + j]);
        }
    }

    @Override
    public String description() {
        return "per-parameter steps from running moments (b1 0.9, b2 0.999, eps 1e-8; lr 0.001 is usual)";
    }
}
