package org.mynn.core.optimize;

import java.util.List;

/**
 * Classical momentum (Polyak): a velocity that remembers past steps, {@code v = mu v + lr dir; p += v}; {@code mu}
 * 0.9 unless given ({@code momentum:0.95}).
 */
public final class Momentum implements Optimizer {

    @Override
    public String name() {
        return "momentum";
    }

    @Override
    public int slots() {
        return 1;
    }

    @Override
    public double[] settings(List<Double> given) {
        return Settings.fill(name(), given, new String[] {"MU"}, new double[] {0.9}, new boolean[] {true});
    }

    @Override
    public String usage() {
        return "momentum[:MU]";
    }

    @Override
    public double step(double p, double dir, double lr, long t, double[] settings, double[][] state, int at) {
        double v = settings[0] * state[0][at] + lr * dir;
        state[0][at] = v;
        return p + v;
    }

    @Override
    public void stepRow(double[] p, int off, int n, double a, double[] x, double lr, long t, double[] settings, double[][] state) {
        double mu = settings[0];
        double[] v = state[0];
        for (int j = 0; j < n; j++) {
            double nv = mu * v[off + j] + lr * (a * x[j]);
            v[off + j] = nv;
            p[off + j] += nv;
        }
    }

    @Override
    public void stepRow(float[] p, int off, int n, double a, float[] x, double lr, long t, double[] settings, double[][] state) {
        double mu = settings[0];
        double[] v = state[0];
        for (int j = 0; j < n; j++) {
            double nv = mu * v[off + j] + lr * (a * x[j]);
            v[off + j] = nv;
            p[off + j] = (float) (p[off + j] + nv);
        }
    }

    @Override
    public void stepEach(double[] p, int off, int n, double[] dir, int doff, double lr, long t, double[] settings,
            double[][] state) {
        double mu = settings[0];
        double[] v = state[0];
        for (int j = 0; j < n; j++) {
            double nv = mu * v[off + j] + lr * dir[doff + j];
            v[off + j] = nv;
            p[off + j] += nv;
        }
    }

    @Override
    public void stepEach(float[] p, int off, int n, float[] dir, int doff, double lr, long t, double[] settings,
            double[][] state) {
        double mu = settings[0];
        double[] v = state[0];
        for (int j = 0; j < n; j++) {
            double nv = mu * v[off + j] + lr * dir[doff + j];
            v[off + j] = nv;
            p[off + j] = (float) (p[off + j] + nv);
        }
    }

    @Override
    public String description() {
        return "v = mu v + lr dir; p += v (mu 0.9)";
    }
}
