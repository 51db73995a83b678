package org.mynn.core.optimize;

import java.util.List;

/**
 * Adam (Kingma and Ba, 2015): running means of the gradient and of its square, corrected for their start at 0, give
 * each parameter its own step: {@code m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
 * p -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)} with {@code g = -dir}; {@code b1, b2, eps} 0.9, 0.999 and
 * 1e-8 unless given ({@code adam:0.9:0.999:1e-8}). Its learning rate is much smaller than the book's: 0.001 is usual.
 */
public final class Adam implements Optimizer {

    @Override
    public String name() {
        return "adam";
    }

    @Override
    public int slots() {
        return 2;
    }

    @Override
    public double[] settings(List<Double> given) {
        return Settings.fill(name(), given, new String[] {"B1", "B2", "EPS"}, new double[] {0.9, 0.999, 1e-8},
                new boolean[] {true, true, false});
    }

    @Override
    public String usage() {
        return "adam[:B1[:B2[:EPS]]]";
    }

    @Override
    public double step(double p, double dir, double lr, long t, double[] settings, double[][] state, int at) {
        double b1 = settings[0];
        double b2 = settings[1];
        double m = b1 * state[0][at] + (1 - b1) * dir;
        double v = b2 * state[1][at] + (1 - b2) * dir * dir;
        state[0][at] = m;
        state[1][at] = v;
        double c1 = 1 - Math.pow(b1, t);
        double c2 = 1 - Math.pow(b2, t);
        return p + lr * (m / c1) / (Math.sqrt(v / c2) + settings[2]);
    }

    @Override
    public void stepRow(double[] p, int off, int n, double a, double[] x, double lr, long t, double[] settings, double[][] state) {
        double b1 = settings[0];
        double b2 = settings[1];
        double eps = settings[2];
        double c1 = 1 - Math.pow(b1, t);
        double c2 = 1 - Math.pow(b2, t);
        double[] ms = state[0];
        double[] vs = state[1];
        for (int j = 0; j < n; j++) {
            double d = a * x[j];
            double m = b1 * ms[off + j] + (1 - b1) * d;
            double v = b2 * vs[off + j] + (1 - b2) * d * d;
            ms[off + j] = m;
            vs[off + j] = v;
            p[off + j] += lr * (m / c1) / (Math.sqrt(v / c2) + eps);
        }
    }

    @Override
    public void stepRow(float[] p, int off, int n, double a, float[] x, double lr, long t, double[] settings, double[][] state) {
        double b1 = settings[0];
        double b2 = settings[1];
        double eps = settings[2];
        double c1 = 1 - Math.pow(b1, t);
        double c2 = 1 - Math.pow(b2, t);
        double[] ms = state[0];
        double[] vs = state[1];
        for (int j = 0; j < n; j++) {
            double d = a * x[j];
            double m = b1 * ms[off + j] + (1 - b1) * d;
            double v = b2 * vs[off + j] + (1 - b2) * d * d;
            ms[off + j] = m;
            vs[off + j] = v;
            p[off + j] = (float) (p[off + j] + lr * (m / c1) / (Math.sqrt(v / c2) + eps));
        }
    }

    @Override
    public void stepEach(double[] p, int off, int n, double[] dir, int doff, double lr, long t, double[] settings,
            double[][] state) {
        double b1 = settings[0];
        double b2 = settings[1];
        double eps = settings[2];
        double c1 = 1 - Math.pow(b1, t);
        double c2 = 1 - Math.pow(b2, t);
        double[] ms = state[0];
        double[] vs = state[1];
        for (int j = 0; j < n; j++) {
            double d = dir[doff + j];
            double m = b1 * ms[off + j] + (1 - b1) * d;
            double v = b2 * vs[off + j] + (1 - b2) * d * d;
            ms[off + j] = m;
            vs[off + j] = v;
            p[off + j] += lr * (m / c1) / (Math.sqrt(v / c2) + eps);
        }
    }

    @Override
    public void stepEach(float[] p, int off, int n, float[] dir, int doff, double lr, long t, double[] settings,
            double[][] state) {
        double b1 = settings[0];
        double b2 = settings[1];
        double eps = settings[2];
        double c1 = 1 - Math.pow(b1, t);
        double c2 = 1 - Math.pow(b2, t);
        double[] ms = state[0];
        double[] vs = state[1];
        for (int j = 0; j < n; j++) {
            double d = dir[doff + j];
            double m = b1 * ms[off + j] + (1 - b1) * d;
            double v = b2 * vs[off + j] + (1 - b2) * d * d;
            ms[off + j] = m;
            vs[off + j] = v;
            p[off + j] = (float) (p[off + j] + lr * (m / c1) / (Math.sqrt(v / c2) + eps));
        }
    }

    @Override
    public String description() {
        return "per-parameter steps from running moments (b1 0.9, b2 0.999, eps 1e-8; lr 0.001 is usual)";
    }
}
