package org.mynn.core.kernel;

/**
 * {@link Kernels} in plain Java, the reference for every kernel: the dot products in the canonical order the interface
 * states (eight accumulators in double, sixteen in float, one per lane of the virtual vector, summed by the same tree
 * of additions as the vector kernels' fold, then the tail), {@code Math.fma} everywhere, every other sum a plain loop
 * in the order the interface states. Used when the Vector API is absent or the vectors are narrower than 128 bits,
 * and where {@code VectorKernels} has a scalar tail that it hands over (the exponential's last elements).
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
        return dot(w, off, x, 0, n);
    }

    /**
     * {@link #dot(double[], int, double[], int)} of {@code x} from {@code xoff} on: lane {@code k} of the virtual vector
     * sums {@code j = k, k+8, ...} below {@code full}, the lanes are added as the vector kernels fold them (half onto
     * half, then a quarter, then the last two), then the tail in order.
     */
    private static double dot(double[] w, int off, double[] x, int xoff, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        int full = n & -8;
        for (int j = 0; j < full; j += 8) {
            int o = off + j;
            int p = xoff + j;
            s0 = Math.fma(w[o], x[p], s0);
            s1 = Math.fma(w[o + 1], x[p + 1], s1);
            s2 = Math.fma(w[o + 2], x[p + 2], s2);
            s3 = Math.fma(w[o + 3], x[p + 3], s3);
            s4 = Math.fma(w[o + 4], x[p + 4], s4);
            s5 = Math.fma(w[o + 5], x[p + 5], s5);
            s6 = Math.fma(w[o + 6], x[p + 6], s6);
            s7 = Math.fma(w[o + 7], x[p + 7], s7);
        }
        double s = ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7));
        for (int j = full; j < n; j++) {
            s = Math.fma(w[off + j], x[xoff + j], s);
        }
        return s;
    }

    @Override
    public double axpyDot(double a, double[] xp, double[] w, int off, double[] xn, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        int full = n & -8;
        for (int j = 0; j < full; j += 8) {
            int o = off + j;
            double w0 = Math.fma(a, xp[j], w[o]);
            double w1 = Math.fma(a, xp[j + 1], w[o + 1]);
            double w2 = Math.fma(a, xp[j + 2], w[o + 2]);
            double w3 = Math.fma(a, xp[j + 3], w[o + 3]);
            double w4 = Math.fma(a, xp[j + 4], w[o + 4]);
            double w5 = Math.fma(a, xp[j + 5], w[o + 5]);
            double w6 = Math.fma(a, xp[j + 6], w[o + 6]);
            double w7 = Math.fma(a, xp[j + 7], w[o + 7]);
            w[o] = w0;
            w[o + 1] = w1;
            w[o + 2] = w2;
            w[o + 3] = w3;
            w[o + 4] = w4;
            w[o + 5] = w5;
            w[o + 6] = w6;
            w[o + 7] = w7;
            s0 = Math.fma(w0, xn[j], s0);
            s1 = Math.fma(w1, xn[j + 1], s1);
            s2 = Math.fma(w2, xn[j + 2], s2);
            s3 = Math.fma(w3, xn[j + 3], s3);
            s4 = Math.fma(w4, xn[j + 4], s4);
            s5 = Math.fma(w5, xn[j + 5], s5);
            s6 = Math.fma(w6, xn[j + 6], s6);
            s7 = Math.fma(w7, xn[j + 7], s7);
        }
        double s = ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7));
        for (int j = full; j < n; j++) {
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

    /**
     * {@link #dot(double[], int, double[], int)}'s order with the sixteen lanes of the float virtual vector: the lanes
     * added half onto half four times.
     */
    @Override
    public float dot(float[] w, int off, float[] x, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        float s4 = 0;
        float s5 = 0;
        float s6 = 0;
        float s7 = 0;
        float s8 = 0;
        float s9 = 0;
        float s10 = 0;
        float s11 = 0;
        float s12 = 0;
        float s13 = 0;
        float s14 = 0;
        float s15 = 0;
        int full = n & -16;
        for (int j = 0; j < full; j += 16) {
            int o = off + j;
            s0 = Math.fma(w[o], x[j], s0);
            s1 = Math.fma(w[o + 1], x[j + 1], s1);
            s2 = Math.fma(w[o + 2], x[j + 2], s2);
            s3 = Math.fma(w[o + 3], x[j + 3], s3);
            s4 = Math.fma(w[o + 4], x[j + 4], s4);
            s5 = Math.fma(w[o + 5], x[j + 5], s5);
            s6 = Math.fma(w[o + 6], x[j + 6], s6);
            s7 = Math.fma(w[o + 7], x[j + 7], s7);
            s8 = Math.fma(w[o + 8], x[j + 8], s8);
            s9 = Math.fma(w[o + 9], x[j + 9], s9);
            s10 = Math.fma(w[o + 10], x[j + 10], s10);
            s11 = Math.fma(w[o + 11], x[j + 11], s11);
            s12 = Math.fma(w[o + 12], x[j + 12], s12);
            s13 = Math.fma(w[o + 13], x[j + 13], s13);
            s14 = Math.fma(w[o + 14], x[j + 14], s14);
            s15 = Math.fma(w[o + 15], x[j + 15], s15);
        }
        float s = (((s0 + s8) + (s4 + s12)) + ((s2 + s10) + (s6 + s14)))
                + (((s1 + s9) + (s5 + s13)) + ((s3 + s11) + (s7 + s15)));
        for (int j = full; j < n; j++) {
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
        float s4 = 0;
        float s5 = 0;
        float s6 = 0;
        float s7 = 0;
        float s8 = 0;
        float s9 = 0;
        float s10 = 0;
        float s11 = 0;
        float s12 = 0;
        float s13 = 0;
        float s14 = 0;
        float s15 = 0;
        int full = n & -16;
        for (int j = 0; j < full; j += 16) {
            int o = off + j;
            float w0 = Math.fma(a, xp[j], w[o]);
            float w1 = Math.fma(a, xp[j + 1], w[o + 1]);
            float w2 = Math.fma(a, xp[j + 2], w[o + 2]);
            float w3 = Math.fma(a, xp[j + 3], w[o + 3]);
            float w4 = Math.fma(a, xp[j + 4], w[o + 4]);
            float w5 = Math.fma(a, xp[j + 5], w[o + 5]);
            float w6 = Math.fma(a, xp[j + 6], w[o + 6]);
            float w7 = Math.fma(a, xp[j + 7], w[o + 7]);
            float w8 = Math.fma(a, xp[j + 8], w[o + 8]);
            float w9 = Math.fma(a, xp[j + 9], w[o + 9]);
            float w10 = Math.fma(a, xp[j + 10], w[o + 10]);
            float w11 = Math.fma(a, xp[j + 11], w[o + 11]);
            float w12 = Math.fma(a, xp[j + 12], w[o + 12]);
            float w13 = Math.fma(a, xp[j + 13], w[o + 13]);
            float w14 = Math.fma(a, xp[j + 14], w[o + 14]);
            float w15 = Math.fma(a, xp[j + 15], w[o + 15]);
            w[o] = w0;
            w[o + 1] = w1;
            w[o + 2] = w2;
            w[o + 3] = w3;
            w[o + 4] = w4;
            w[o + 5] = w5;
            w[o + 6] = w6;
            w[o + 7] = w7;
            w[o + 8] = w8;
            w[o + 9] = w9;
            w[o + 10] = w10;
            w[o + 11] = w11;
            w[o + 12] = w12;
            w[o + 13] = w13;
            w[o + 14] = w14;
            w[o + 15] = w15;
            s0 = Math.fma(w0, xn[j], s0);
            s1 = Math.fma(w1, xn[j + 1], s1);
            s2 = Math.fma(w2, xn[j + 2], s2);
            s3 = Math.fma(w3, xn[j + 3], s3);
            s4 = Math.fma(w4, xn[j + 4], s4);
            s5 = Math.fma(w5, xn[j + 5], s5);
            s6 = Math.fma(w6, xn[j + 6], s6);
            s7 = Math.fma(w7, xn[j + 7], s7);
            s8 = Math.fma(w8, xn[j + 8], s8);
            s9 = Math.fma(w9, xn[j + 9], s9);
            s10 = Math.fma(w10, xn[j + 10], s10);
            s11 = Math.fma(w11, xn[j + 11], s11);
            s12 = Math.fma(w12, xn[j + 12], s12);
            s13 = Math.fma(w13, xn[j + 13], s13);
            s14 = Math.fma(w14, xn[j + 14], s14);
            s15 = Math.fma(w15, xn[j + 15], s15);
        }
        float s = (((s0 + s8) + (s4 + s12)) + ((s2 + s10) + (s6 + s14)))
                + (((s1 + s9) + (s5 + s13)) + ((s3 + s11) + (s7 + s15)));
        for (int j = full; j < n; j++) {
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
    public void stepBatch(FloatStep s, float alpha, float[] gt, int batch, float[] a, int n, float[] w, float[] s0,
            float[] s1, int r0, int r1) {
        for (int r = r0; r < r1; r++) {
            for (int j = 0; j < n; j++) {
                float c = 0;
                for (int b = 0; b < batch; b++) {
                    c = Math.fma(gt[r * batch + b], a[b * n + j], c);
                }
                int i = r * n + j;
                w[i] = s.apply(w[i], Math.fma(alpha, c, 0f), s0, s1, i);
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

    // ---- the elastic distortion: ElasticKernels ----

    @Override
    public void uniforms(long key, int start, float[] a, int off, int n) {
        ElasticKernels.uniforms(key, start, a, off, n);
    }

    @Override
    public void bilinear(float[] pic, int pw, int border, float[] disp, int stride, int rows, int cols, float[] out,
            float[] scratch, int[] index) {
        ElasticKernels.bilinear(pic, pw, border, disp, stride, rows, cols, out);
    }
}
