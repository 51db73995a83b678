package org.mynn.core.kernel;

/**
 * {@link Kernels} in plain Java: four accumulators for the dot products (so the processor can overlap them),
 * {@code Math.fma} everywhere.
 */
public final class ScalarKernels implements Kernels {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int vectorBits() {
        return 0;
    }

    @Override
    public double dot(double[] w, int off, double[] x, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j <= n - 4; j += 4) {
            s0 = Math.fma(w[off + j], x[j], s0);
            s1 = Math.fma(w[off + j + 1], x[j + 1], s1);
            s2 = Math.fma(w[off + j + 2], x[j + 2], s2);
            s3 = Math.fma(w[off + j + 3], x[j + 3], s3);
        }
        double s = (s0 + s1) + (s2 + s3);
        for (; j < n; j++) {
            s = Math.fma(w[off + j], x[j], s);
        }
        return s;
    }

    @Override
    public double axpyDot(double a, double[] xp, double[] w, int off, double[] xn, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j <= n - 4; j += 4) {
            double w0 = Math.fma(a, xp[j], w[off + j]);
            double w1 = Math.fma(a, xp[j + 1], w[off + j + 1]);
            double w2 = Math.fma(a, xp[j + 2], w[off + j + 2]);
            double w3 = Math.fma(a, xp[j + 3], w[off + j + 3]);
            w[off + j] = w0;
            w[off + j + 1] = w1;
            w[off + j + 2] = w2;
            w[off + j + 3] = w3;
            s0 = Math.fma(w0, xn[j], s0);
            s1 = Math.fma(w1, xn[j + 1], s1);
            s2 = Math.fma(w2, xn[j + 2], s2);
            s3 = Math.fma(w3, xn[j + 3], s3);
        }
        double s = (s0 + s1) + (s2 + s3);
        for (; j < n; j++) {
            double wj = Math.fma(a, xp[j], w[off + j]);
            w[off + j] = wj;
            s = Math.fma(wj, xn[j], s);
        }
        return s;
    }

    @Override
    public void axpy(double a, double[] x, double[] w, int off, int n) {
        for (int j = 0; j < n; j++) {
            w[off + j] = Math.fma(a, x[j], w[off + j]);
        }
    }

    @Override
    public void backAxpy(double v, double a, double[] in, double[] w, int off, double[] e, int n) {
        for (int j = 0; j < n; j++) {
            double wj = w[off + j];
            e[j] = Math.fma(v, wj, e[j]);
            w[off + j] = Math.fma(a, in[j], wj);
        }
    }

    @Override
    public float dot(float[] w, int off, float[] x, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int j = 0;
        for (; j <= n - 4; j += 4) {
            s0 = Math.fma(w[off + j], x[j], s0);
            s1 = Math.fma(w[off + j + 1], x[j + 1], s1);
            s2 = Math.fma(w[off + j + 2], x[j + 2], s2);
            s3 = Math.fma(w[off + j + 3], x[j + 3], s3);
        }
        float s = (s0 + s1) + (s2 + s3);
        for (; j < n; j++) {
            s = Math.fma(w[off + j], x[j], s);
        }
        return s;
    }

    @Override
    public float axpyDot(float a, float[] xp, float[] w, int off, float[] xn, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int j = 0;
        for (; j <= n - 4; j += 4) {
            float w0 = Math.fma(a, xp[j], w[off + j]);
            float w1 = Math.fma(a, xp[j + 1], w[off + j + 1]);
            float w2 = Math.fma(a, xp[j + 2], w[off + j + 2]);
            float w3 = Math.fma(a, xp[j + 3], w[off + j + 3]);
            w[off + j] = w0;
            w[off + j + 1] = w1;
            w[off + j + 2] = w2;
            w[off + j + 3] = w3;
            s0 = Math.fma(w0, xn[j], s0);
            s1 = Math.fma(w1, xn[j + 1], s1);
            s2 = Math.fma(w2, xn[j + 2], s2);
            s3 = Math.fma(w3, xn[j + 3], s3);
        }
        float s = (s0 + s1) + (s2 + s3);
        for (; j < n; j++) {
            float wj = Math.fma(a, xp[j], w[off + j]);
            w[off + j] = wj;
            s = Math.fma(wj, xn[j], s);
        }
        return s;
    }

    @Override
    public void axpy(float a, float[] x, float[] w, int off, int n) {
        for (int j = 0; j < n; j++) {
            w[off + j] = Math.fma(a, x[j], w[off + j]);
        }
    }

    @Override
    public void backAxpy(float v, float a, float[] in, float[] w, int off, float[] e, int n) {
        for (int j = 0; j < n; j++) {
            float wj = w[off + j];
            e[j] = Math.fma(v, wj, e[j]);
            w[off + j] = Math.fma(a, in[j], wj);
        }
    }

    @Override
    public void forwardBatch(double[] a, int batch, int n, double[] w, int m, double[] z, int r0, int r1) {
        for (int r = r0; r < r1; r++) {
            for (int b = 0; b < batch; b++) {
                z[b * m + r] = dot(w, r * n, a, b * n, n);
            }
        }
    }

    /** {@link #dot(double[], int, double[], int)} with an offset into {@code x} as well. */
    private static double dot(double[] w, int off, double[] x, int xoff, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j <= n - 4; j += 4) {
            s0 = Math.fma(w[off + j], x[xoff + j], s0);
            s1 = Math.fma(w[off + j + 1], x[xoff + j + 1], s1);
            s2 = Math.fma(w[off + j + 2], x[xoff + j + 2], s2);
            s3 = Math.fma(w[off + j + 3], x[xoff + j + 3], s3);
        }
        double s = (s0 + s1) + (s2 + s3);
        for (; j < n; j++) {
            s = Math.fma(w[off + j], x[xoff + j], s);
        }
        return s;
    }

    @Override
    public void updateBatch(double alpha, double[] gt, int batch, double[] a, int n, double[] w, int r0, int r1) {
        double[] acc = new double[n];
        for (int r = r0; r < r1; r++) {
            java.util.Arrays.fill(acc, 0.0);
            for (int b = 0; b < batch; b++) {
                double g = gt[r * batch + b];
                int off = b * n;
                for (int j = 0; j < n; j++) {
                    acc[j] = Math.fma(g, a[off + j], acc[j]);
                }
            }
            int off = r * n;
            for (int j = 0; j < n; j++) {
                w[off + j] = Math.fma(alpha, acc[j], w[off + j]);
            }
        }
    }

    @Override
    public void gradientBatch(double alpha, double[] gt, int batch, double[] a, int n, double[] g, int r0, int r1) {
        double[] acc = new double[n];
        for (int r = r0; r < r1; r++) {
            java.util.Arrays.fill(acc, 0.0);
            for (int b = 0; b < batch; b++) {
                double x = gt[r * batch + b];
                int off = b * n;
                for (int j = 0; j < n; j++) {
                    acc[j] = Math.fma(x, a[off + j], acc[j]);
                }
            }
            int off = (r - r0) * n;
            for (int j = 0; j < n; j++) {
                g[off + j] = Math.fma(alpha, acc[j], 0.0);
            }
        }
    }

    @Override
    public void backpropBatch(double[] v, int batch, int m, double[] w, int n, double[] e, int j0, int j1) {
        for (int b = 0; b < batch; b++) {
            int eo = b * n;
            java.util.Arrays.fill(e, eo + j0, eo + j1, 0.0);
            for (int r = 0; r < m; r++) {
                double vr = v[b * m + r];
                int wo = r * n;
                for (int j = j0; j < j1; j++) {
                    e[eo + j] = Math.fma(vr, w[wo + j], e[eo + j]);
                }
            }
        }
    }
}
