package org.mynn.core.kernel;

import static org.mynn.core.kernel.VectorLanes.F;
import static org.mynn.core.kernel.VectorLanes.FL;
import static org.mynn.core.kernel.VectorLanes.F_FOLDS;
import static org.mynn.core.kernel.VectorLanes.K;
import static org.mynn.core.kernel.VectorLanes.VF;
import static org.mynn.core.kernel.VectorLanes.sum;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;

/**
 * {@link VectorSampleKernels} in float: training one sample at a time ({@code dot}, {@code axpyDot}, {@code axpy},
 * {@code backAxpy}, {@code dotRows}, {@code axpyDotRows}), each dot product in the canonical order of {@link Kernels}
 * over a virtual vector of {@link VectorLanes#VF} lanes, held in {@link VectorLanes#K} hardware accumulators
 * ({@code c}, {@code d}, {@code e}, {@code f}); on 512-bit vectors ({@code K == 1}) the loops they ran before, as
 * {@link VectorSampleKernels} does.
 *
 * <p>Static methods, called by {@link VectorKernels} (a final class, so the JIT compiler inlines the call).
 */
final class VectorSampleFloatKernels {

    private VectorSampleFloatKernels() {
    }

    static float dot(float[] w, int off, float[] x, int n) {
        return K == 1 ? dot1(w, off, x, n) : dotK(w, off, x, n);
    }

    private static float dotK(float[] w, int off, float[] x, int n) {
        int full = n & -VF;
        FloatVector c = FloatVector.zero(F);
        FloatVector d = c;
        FloatVector e = c;
        FloatVector f = c;
        for (int j = 0; j < full; j += VF) {
            c = FloatVector.fromArray(F, w, off + j).fma(FloatVector.fromArray(F, x, j), c);
            if (K >= 2) {
                d = FloatVector.fromArray(F, w, off + j + FL).fma(FloatVector.fromArray(F, x, j + FL), d);
            }
            if (K == 4) {
                e = FloatVector.fromArray(F, w, off + j + 2 * FL).fma(FloatVector.fromArray(F, x, j + 2 * FL), e);
                f = FloatVector.fromArray(F, w, off + j + 3 * FL).fma(FloatVector.fromArray(F, x, j + 3 * FL), f);
            }
        }
        return tail(sum(c, d, e, f), w, off, x, full, n);
    }

    static float axpyDot(float a, float[] xp, float[] w, int off, float[] xn, int n) {
        return K == 1 ? axpyDot1(a, xp, w, off, xn, n) : axpyDotK(a, xp, w, off, xn, n);
    }

    private static float axpyDotK(float a, float[] xp, float[] w, int off, float[] xn, int n) {
        int full = n & -VF;
        FloatVector av = FloatVector.broadcast(F, a);
        FloatVector c = FloatVector.zero(F);
        FloatVector d = c;
        FloatVector e = c;
        FloatVector f = c;
        for (int j = 0; j < full; j += VF) {
            FloatVector wv = av.fma(FloatVector.fromArray(F, xp, j), FloatVector.fromArray(F, w, off + j));
            wv.intoArray(w, off + j);
            c = wv.fma(FloatVector.fromArray(F, xn, j), c);
            if (K >= 2) {
                int jj = j + FL;
                d = axpyStep(av, FloatVector.fromArray(F, xp, jj), FloatVector.fromArray(F, xn, jj), w, off + jj, d);
            }
            if (K == 4) {
                int jj = j + 2 * FL;
                e = axpyStep(av, FloatVector.fromArray(F, xp, jj), FloatVector.fromArray(F, xn, jj), w, off + jj, e);
                jj += FL;
                f = axpyStep(av, FloatVector.fromArray(F, xp, jj), FloatVector.fromArray(F, xn, jj), w, off + jj, f);
            }
        }
        return axpyTail(sum(c, d, e, f), a, xp, w, off, xn, full, n);
    }

    static void dotRows(float[] w, int r0, int r1, int n, float[] x, double[] z) {
        if (K == 1) {
            dotRows1(w, r0, r1, n, x, z);
        } else {
            dotRowsK(w, r0, r1, n, x, z);
        }
    }

    private static void dotRowsK(float[] w, int r0, int r1, int n, float[] x, double[] z) {
        int full = n & -VF;
        int r = r0;
        for (; r + 3 < r1; r += 4) {
            int o0 = r * n;
            int o1 = o0 + n;
            int o2 = o1 + n;
            int o3 = o2 + n;
            FloatVector c0 = FloatVector.zero(F);
            FloatVector c1 = c0;
            FloatVector c2 = c0;
            FloatVector c3 = c0;
            FloatVector d0 = c0;
            FloatVector d1 = c0;
            FloatVector d2 = c0;
            FloatVector d3 = c0;
            FloatVector e0 = c0;
            FloatVector e1 = c0;
            FloatVector e2 = c0;
            FloatVector e3 = c0;
            FloatVector f0 = c0;
            FloatVector f1 = c0;
            FloatVector f2 = c0;
            FloatVector f3 = c0;
            for (int j = 0; j < full; j += VF) {
                FloatVector xv = FloatVector.fromArray(F, x, j);
                c0 = FloatVector.fromArray(F, w, o0 + j).fma(xv, c0);
                c1 = FloatVector.fromArray(F, w, o1 + j).fma(xv, c1);
                c2 = FloatVector.fromArray(F, w, o2 + j).fma(xv, c2);
                c3 = FloatVector.fromArray(F, w, o3 + j).fma(xv, c3);
                if (K >= 2) {
                    int jj = j + FL;
                    xv = FloatVector.fromArray(F, x, jj);
                    d0 = FloatVector.fromArray(F, w, o0 + jj).fma(xv, d0);
                    d1 = FloatVector.fromArray(F, w, o1 + jj).fma(xv, d1);
                    d2 = FloatVector.fromArray(F, w, o2 + jj).fma(xv, d2);
                    d3 = FloatVector.fromArray(F, w, o3 + jj).fma(xv, d3);
                }
                if (K == 4) {
                    int jj = j + 2 * FL;
                    xv = FloatVector.fromArray(F, x, jj);
                    e0 = FloatVector.fromArray(F, w, o0 + jj).fma(xv, e0);
                    e1 = FloatVector.fromArray(F, w, o1 + jj).fma(xv, e1);
                    e2 = FloatVector.fromArray(F, w, o2 + jj).fma(xv, e2);
                    e3 = FloatVector.fromArray(F, w, o3 + jj).fma(xv, e3);
                    jj += FL;
                    xv = FloatVector.fromArray(F, x, jj);
                    f0 = FloatVector.fromArray(F, w, o0 + jj).fma(xv, f0);
                    f1 = FloatVector.fromArray(F, w, o1 + jj).fma(xv, f1);
                    f2 = FloatVector.fromArray(F, w, o2 + jj).fma(xv, f2);
                    f3 = FloatVector.fromArray(F, w, o3 + jj).fma(xv, f3);
                }
            }
            // each virtual vector summed as sum() sums it, written out: a helper called four times after the loop is not
            // always inlined by the JIT, and each call not inlined boxes its vectors
            if (K == 2) {
                c0 = c0.add(d0);
                c1 = c1.add(d1);
                c2 = c2.add(d2);
                c3 = c3.add(d3);
            } else if (K == 4) {
                c0 = c0.add(e0).add(d0.add(f0));
                c1 = c1.add(e1).add(d1.add(f1));
                c2 = c2.add(e2).add(d2.add(f2));
                c3 = c3.add(e3).add(d3.add(f3));
            }
            for (VectorShuffle<Float> f : F_FOLDS) {
                c0 = c0.add(c0.rearrange(f));
                c1 = c1.add(c1.rearrange(f));
                c2 = c2.add(c2.rearrange(f));
                c3 = c3.add(c3.rearrange(f));
            }
            z[r] = tail(c0.lane(0), w, o0, x, full, n);
            z[r + 1] = tail(c1.lane(0), w, o1, x, full, n);
            z[r + 2] = tail(c2.lane(0), w, o2, x, full, n);
            z[r + 3] = tail(c3.lane(0), w, o3, x, full, n);
        }
        for (; r < r1; r++) {
            z[r] = dotK(w, r * n, x, n);
        }
    }

    static void axpyDotRows(double[] alpha, float[] xp, float[] w, int r0, int r1, int n, float[] xn, double[] z) {
        if (K == 1) {
            axpyDotRows1(alpha, xp, w, r0, r1, n, xn, z);
        } else {
            axpyDotRowsK(alpha, xp, w, r0, r1, n, xn, z);
        }
    }

    private static void axpyDotRowsK(double[] alpha, float[] xp, float[] w, int r0, int r1, int n, float[] xn,
            double[] z) {
        int full = n & -VF;
        int r = r0;
        for (; r + 1 < r1; r += 2) {
            int o0 = r * n;
            int o1 = o0 + n;
            float al0 = (float) alpha[r];
            float al1 = (float) alpha[r + 1];
            FloatVector a0 = FloatVector.broadcast(F, al0);
            FloatVector a1 = FloatVector.broadcast(F, al1);
            FloatVector c0 = FloatVector.zero(F);
            FloatVector c1 = c0;
            FloatVector d0 = c0;
            FloatVector d1 = c0;
            FloatVector e0 = c0;
            FloatVector e1 = c0;
            FloatVector f0 = c0;
            FloatVector f1 = c0;
            for (int j = 0; j < full; j += VF) {
                FloatVector p = FloatVector.fromArray(F, xp, j);
                FloatVector q = FloatVector.fromArray(F, xn, j);
                FloatVector w0 = a0.fma(p, FloatVector.fromArray(F, w, o0 + j));
                FloatVector w1 = a1.fma(p, FloatVector.fromArray(F, w, o1 + j));
                w0.intoArray(w, o0 + j);
                w1.intoArray(w, o1 + j);
                c0 = w0.fma(q, c0);
                c1 = w1.fma(q, c1);
                if (K >= 2) {
                    int jj = j + FL;
                    p = FloatVector.fromArray(F, xp, jj);
                    q = FloatVector.fromArray(F, xn, jj);
                    d0 = axpyStep(a0, p, q, w, o0 + jj, d0);
                    d1 = axpyStep(a1, p, q, w, o1 + jj, d1);
                }
                if (K == 4) {
                    int jj = j + 2 * FL;
                    p = FloatVector.fromArray(F, xp, jj);
                    q = FloatVector.fromArray(F, xn, jj);
                    e0 = axpyStep(a0, p, q, w, o0 + jj, e0);
                    e1 = axpyStep(a1, p, q, w, o1 + jj, e1);
                    jj += FL;
                    p = FloatVector.fromArray(F, xp, jj);
                    q = FloatVector.fromArray(F, xn, jj);
                    f0 = axpyStep(a0, p, q, w, o0 + jj, f0);
                    f1 = axpyStep(a1, p, q, w, o1 + jj, f1);
                }
            }
            // summed as sum() sums, written out (see dotRows)
            if (K == 2) {
                c0 = c0.add(d0);
                c1 = c1.add(d1);
            } else if (K == 4) {
                c0 = c0.add(e0).add(d0.add(f0));
                c1 = c1.add(e1).add(d1.add(f1));
            }
            for (VectorShuffle<Float> f : F_FOLDS) {
                c0 = c0.add(c0.rearrange(f));
                c1 = c1.add(c1.rearrange(f));
            }
            z[r] = axpyTail(c0.lane(0), al0, xp, w, o0, xn, full, n);
            z[r + 1] = axpyTail(c1.lane(0), al1, xp, w, o1, xn, full, n);
        }
        for (; r < r1; r++) {
            z[r] = axpyDotK((float) alpha[r], xp, w, r * n, xn, n);
        }
    }

    // ---- 512-bit vectors (K == 1): the loops as they were before the canonical order, which they already follow

    private static float dot1(float[] w, int off, float[] x, int n) {
        int full = n & -VF;
        FloatVector acc = FloatVector.zero(F);
        for (int j = 0; j < full; j += FL) {
            acc = FloatVector.fromArray(F, w, off + j).fma(FloatVector.fromArray(F, x, j), acc);
        }
        float s = sum(acc);
        for (int j = full; j < n; j++) {
            s = Math.fma(w[off + j], x[j], s);
        }
        return s;
    }

    private static float axpyDot1(float a, float[] xp, float[] w, int off, float[] xn, int n) {
        int full = n & -VF;
        FloatVector av = FloatVector.broadcast(F, a);
        FloatVector acc = FloatVector.zero(F);
        for (int j = 0; j < full; j += FL) {
            FloatVector wv = av.fma(FloatVector.fromArray(F, xp, j), FloatVector.fromArray(F, w, off + j));
            wv.intoArray(w, off + j);
            acc = wv.fma(FloatVector.fromArray(F, xn, j), acc);
        }
        float s = sum(acc);
        for (int j = full; j < n; j++) {
            float wj = Math.fma(a, xp[j], w[off + j]);
            w[off + j] = wj;
            s = Math.fma(wj, xn[j], s);
        }
        return s;
    }

    private static void dotRows1(float[] w, int r0, int r1, int n, float[] x, double[] z) {
        int full = n & -VF;
        int r = r0;
        for (; r + 3 < r1; r += 4) {
            int o0 = r * n;
            int o1 = o0 + n;
            int o2 = o1 + n;
            int o3 = o2 + n;
            FloatVector c0 = FloatVector.zero(F);
            FloatVector c1 = c0;
            FloatVector c2 = c0;
            FloatVector c3 = c0;
            for (int j = 0; j < full; j += FL) {
                FloatVector xv = FloatVector.fromArray(F, x, j);
                c0 = FloatVector.fromArray(F, w, o0 + j).fma(xv, c0);
                c1 = FloatVector.fromArray(F, w, o1 + j).fma(xv, c1);
                c2 = FloatVector.fromArray(F, w, o2 + j).fma(xv, c2);
                c3 = FloatVector.fromArray(F, w, o3 + j).fma(xv, c3);
            }
            for (VectorShuffle<Float> f : F_FOLDS) {
                c0 = c0.add(c0.rearrange(f));
                c1 = c1.add(c1.rearrange(f));
                c2 = c2.add(c2.rearrange(f));
                c3 = c3.add(c3.rearrange(f));
            }
            z[r] = tail(c0.lane(0), w, o0, x, full, n);
            z[r + 1] = tail(c1.lane(0), w, o1, x, full, n);
            z[r + 2] = tail(c2.lane(0), w, o2, x, full, n);
            z[r + 3] = tail(c3.lane(0), w, o3, x, full, n);
        }
        for (; r < r1; r++) {
            z[r] = dot1(w, r * n, x, n);
        }
    }

    private static void axpyDotRows1(double[] alpha, float[] xp, float[] w, int r0, int r1, int n, float[] xn, double[] z) {
        int full = n & -VF;
        int r = r0;
        for (; r + 1 < r1; r += 2) {
            int o0 = r * n;
            int o1 = o0 + n;
            float al0 = (float) alpha[r];
            float al1 = (float) alpha[r + 1];
            FloatVector a0 = FloatVector.broadcast(F, al0);
            FloatVector a1 = FloatVector.broadcast(F, al1);
            FloatVector c0 = FloatVector.zero(F);
            FloatVector c1 = c0;
            for (int j = 0; j < full; j += FL) {
                FloatVector p = FloatVector.fromArray(F, xp, j);
                FloatVector q = FloatVector.fromArray(F, xn, j);
                FloatVector w0 = a0.fma(p, FloatVector.fromArray(F, w, o0 + j));
                FloatVector w1 = a1.fma(p, FloatVector.fromArray(F, w, o1 + j));
                w0.intoArray(w, o0 + j);
                w1.intoArray(w, o1 + j);
                c0 = w0.fma(q, c0);
                c1 = w1.fma(q, c1);
            }
            for (VectorShuffle<Float> f : F_FOLDS) {
                c0 = c0.add(c0.rearrange(f));
                c1 = c1.add(c1.rearrange(f));
            }
            z[r] = axpyTail(c0.lane(0), al0, xp, w, o0, xn, full, n);
            z[r + 1] = axpyTail(c1.lane(0), al1, xp, w, o1, xn, full, n);
        }
        for (; r < r1; r++) {
            z[r] = axpyDot1((float) alpha[r], xp, w, r * n, xn, n);
        }
    }

    /** One hardware vector of an {@code axpyDot} row at {@code o} (see {@link VectorSampleKernels}' one). */
    private static FloatVector axpyStep(FloatVector a, FloatVector p, FloatVector q, float[] w, int o, FloatVector c) {
        FloatVector wv = a.fma(p, FloatVector.fromArray(F, w, o));
        wv.intoArray(w, o);
        return wv.fma(q, c);
    }

    private static float tail(float s, float[] w, int off, float[] x, int full, int n) {
        float t = s;
        for (int j = full; j < n; j++) {
            t = Math.fma(w[off + j], x[j], t);
        }
        return t;
    }

    private static float axpyTail(float s, float a, float[] xp, float[] w, int off, float[] xn, int full, int n) {
        float t = s;
        for (int j = full; j < n; j++) {
            float wj = Math.fma(a, xp[j], w[off + j]);
            w[off + j] = wj;
            t = Math.fma(wj, xn[j], t);
        }
        return t;
    }

    static void axpy(float a, float[] x, float[] w, int off, int n) {
        FloatVector av = FloatVector.broadcast(F, a);
        int j = 0;
        for (; j <= n - FL; j += FL) {
            av.fma(FloatVector.fromArray(F, x, j), FloatVector.fromArray(F, w, off + j)).intoArray(w, off + j);
        }
        for (; j < n; j++) {
            w[off + j] = Math.fma(a, x[j], w[off + j]);
        }
    }

    static void backAxpy(float v, float a, float[] in, float[] w, int off, float[] e, int n) {
        FloatVector vv = FloatVector.broadcast(F, v);
        FloatVector av = FloatVector.broadcast(F, a);
        int j = 0;
        for (; j <= n - FL; j += FL) {
            FloatVector wj = FloatVector.fromArray(F, w, off + j);
            vv.fma(wj, FloatVector.fromArray(F, e, j)).intoArray(e, j);
            av.fma(FloatVector.fromArray(F, in, j), wj).intoArray(w, off + j);
        }
        for (; j < n; j++) {
            float wj = w[off + j];
            e[j] = Math.fma(v, wj, e[j]);
            w[off + j] = Math.fma(a, in[j], wj);
        }
    }
}
