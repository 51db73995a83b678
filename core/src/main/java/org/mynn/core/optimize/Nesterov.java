package org.mynn.core.optimize;

import java.util.List;

/**
 * Nesterov's momentum, in the form that steps from the current parameters (Sutskever et al. 2013):
 * {@code v = mu v + lr dir; p += mu v + lr dir}; {@code mu} 0.9 unless given ({@code nesterov:0.95}).
 */
public final class Nesterov implements Optimizer {

    @Override
    public String name() {
        return "nesterov";
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
        return "nesterov[:MU]";
    }

    @Override
    public double step(double p, double dir, double lr, long t, double[] settings, double[][] state, int at) {
        double mu = settings[0];
        double v = mu * state[0][at] + lr * dir;
        state[0][at] = v;
        return p + (mu * v + lr * dir);
    }

    @Override
    public void stepRow(double[] p, int off, int n, double a, double[] x, double lr, long t, double[] settings, double[][] state) {
        double mu = settings[0];
        double[] v = state[0];
        for (int j = 0; j < n; j++) {
            double g = lr * (a * x[j]);
            double nv = mu * v[off + j] + g;
            v[off + j] = nv;
            p[off + j] += mu * nv + g;
        }
    }

    @Override
    public void stepRow(float[] p, int off, int n, double a, float[] x, double lr, long t, double[] settings, double[][] state) {
        double mu = settings[0];
        double[] v = state[0];
        for (int j = 0; j < n; j++) {
            double g = lr * (a * x[j]);
            double nv = mu * v[off + j] + g;
            v[off + j] = nv;
            p[off + j] = (float) (p[off + j] + (mu * nv + g));
        }
    }

    @Override
    public void stepEach(double[] p, int off, int n, double[] dir, int doff, double lr, long t, double[] settings,
            double[][] state) {
        double mu = settings[0];
        double[] v = state[0];
        for (int j = 0; j < n; j++) {
            double g = lr * dir[doff + j];
            double nv = mu * v[off + j] + g;
            v[off + j] = nv;
            p[off + j] += mu * nv + g;
        }
    }

    @Override
    public void stepEach(float[] p, int off, int n, float[] dir, int doff, double lr, long t, double[] settings,
            double[][] state) {
        double mu = settings[0];
        double[] v = state[0];
        for (int j = 0; j < n; j++) {
            double g = lr * dir[doff + j];
            double nv = mu * v[off + j] + g;
            v[off + j] = nv;
            p[off + j] = (float) (p[off + j] + (mu * nv + g));
        }
    }

    @Override
    public String description() {
        return "v = mu v + lr dir; p += mu v + lr dir (mu 0.9)";
    }
}
