package org.mynn.core.kernel;

/**
 * {@link Kernels} in plain Java, the reference for every kernel: four accumulators for the dot products (so the
 * processor can overlap them), {@code Math.fma} everywhere, every other sum a plain loop in the order the interface
 * states. Used when the Vector API is absent, and where {@code VectorKernels} has a scalar tail that it hands over
 * (the exponential's last elements).
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
    public void dotRows(double[] w, int r0, int r1, int n, double[] x, double[] z) {
        for (int r = r0; r < r1; r++) {
            z[r] = dot(w, r * n, x, n);
        }
    }

    @Override
    public void axpyDotRows(double[] alpha, double[] xp, double[] w, int r0, int r1, int n, double[] xn, double[] z) {
        for (int r = r0; r < r1; r++) {
            z[r] = axpyDot(alpha[r], xp, w, r * n, xn, n);
        }
    }

    @Override
    public void mulRows(double[] m, int rows, int inner, double[] x, int width, double[] out) {
        for (int y = 0; y < rows; y++) {
            for (int c = 0; c < width; c++) {
                double s = 0;
                for (int j = 0; j < inner; j++) {
                    s = Math.fma(m[y * inner + j], x[j * width + c], s);
                }
                out[y * width + c] = s;
            }
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
    public void dotRows(float[] w, int r0, int r1, int n, float[] x, double[] z) {
        for (int r = r0; r < r1; r++) {
            z[r] = dot(w, r * n, x, n);
        }
    }

    @Override
    public void axpyDotRows(double[] alpha, float[] xp, float[] w, int r0, int r1, int n, float[] xn, double[] z) {
        for (int r = r0; r < r1; r++) {
            z[r] = axpyDot((float) alpha[r], xp, w, r * n, xn, n);
        }
    }

    // ---- mini-batch (GEMM-style), in double ----

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
    public void forwardBatchT(double[] at, int batch, int n, double[] w, double[] zt, int r0, int r1) {
        for (int r = r0; r < r1; r++) {
            for (int b = 0; b < batch; b++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s = Math.fma(w[r * n + j], at[j * batch + b], s);
                }
                zt[r * batch + b] = s;
            }
        }
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

    // ---- the mini-batch kernels in float (the float mini-batch engine), and exp ----

    @Override
    public void forwardBatchT(float[] at, int batch, int n, float[] w, float[] zt, int r0, int r1) {
        for (int r = r0; r < r1; r++) {
            for (int b = 0; b < batch; b++) {
                float s = 0;
                for (int j = 0; j < n; j++) {
                    s = Math.fma(w[r * n + j], at[j * batch + b], s);
                }
                zt[r * batch + b] = s;
            }
        }
    }

    @Override
    public void gradientBatch(float alpha, float[] gt, int batch, float[] a, int n, float[] g, int r0, int r1) {
        for (int r = r0; r < r1; r++) {
            for (int j = 0; j < n; j++) {
                float c = 0;
                for (int b = 0; b < batch; b++) {
                    c = Math.fma(gt[r * batch + b], a[b * n + j], c);
                }
                g[(r - r0) * n + j] = Math.fma(alpha, c, 0f);
            }
        }
    }

    @Override
    public void updateBatch(float alpha, float[] gt, int batch, float[] a, int n, float[] w, int r0, int r1) {
        for (int r = r0; r < r1; r++) {
            for (int j = 0; j < n; j++) {
                float c = 0;
                for (int b = 0; b < batch; b++) {
                    c = Math.fma(gt[r * batch + b], a[b * n + j], c);
                }
                w[r * n + j] = Math.fma(alpha, c, w[r * n + j]);
            }
        }
    }

    @Override
    public void backpropBatch(float[] v, int batch, int m, float[] w, int n, float[] e, int j0, int j1) {
        for (int b = 0; b < batch; b++) {
            for (int j = j0; j < j1; j++) {
                float c = 0;
                for (int r = 0; r < m; r++) {
                    c = Math.fma(v[b * m + r], w[r * n + j], c);
                }
                e[b * n + j] = c;
            }
        }
    }

    @Override
    public void exp(float[] x, int off, int n) {
        for (int i = off; i < off + n; i++) {
            float v = Math.min(Math.max(x[i], EXP_MIN), EXP_MAX);
            float t = Math.fma(v, EXP_LOG2E, EXP_ROUND);
            float k = t - EXP_ROUND;
            float r = Math.fma(k, -EXP_LN2_HI, v);
            r = Math.fma(k, -EXP_LN2_LO, r);
            float p = EXP_POLY[0];
            for (int c = 1; c < EXP_POLY.length; c++) {
                p = Math.fma(p, r, EXP_POLY[c]);
            }
            float y = Math.fma(p, r * r, r) + 1f;
            float scale = Float.intBitsToFloat((Float.floatToRawIntBits(t) - Float.floatToRawIntBits(EXP_ROUND) + 127) << 23);
            x[i] = y * scale;
        }
    }
}
