package org.mynn.core.kernel;

import static org.mynn.core.kernel.VectorLanes.D;
import static org.mynn.core.kernel.VectorLanes.DL;
import static org.mynn.core.kernel.VectorLanes.D_FOLDS;
import static org.mynn.core.kernel.VectorLanes.K;
import static org.mynn.core.kernel.VectorLanes.VD;
import static org.mynn.core.kernel.VectorLanes.sum;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShuffle;

/**
 * The vector kernels whose sums run across the lanes, as {@link Kernels#dot} sums, in double: training one sample at a
 * time ({@code dot}, {@code axpyDot}, {@code axpy}, {@code backAxpy} and the several-row {@code dotRows},
 * {@code axpyDotRows}); {@link VectorSampleFloatKernels} has the
 * float ones, {@link VectorQueryKernels} the forward pass of a batch of queries.
 * Each dot product follows the canonical order of {@link Kernels}: one virtual vector of {@link VectorLanes#VD} lanes,
 * held in {@link VectorLanes#K} hardware accumulators ({@code c} the first lanes, then {@code d}, {@code e},
 * {@code f}), folded by {@link VectorLanes}' fold, then the scalar tail with {@code Math.fma}. On 512-bit vectors
 * ({@code K == 1}) the methods hand over to the loops they ran before the order was made canonical ({@code dot1},
 * {@code axpyDot1}, {@code dotRows1}, {@code axpyDotRows1}: one accumulator, the same order): the loops written for
 * any {@code K} measured 8-15% slower there in training. Several rows at a time share the loads of the input
 * (measured faster here than more accumulators on one row).
 *
 * <p>Static methods, called by {@link VectorKernels} (a final class, so the JIT compiler inlines the call).
 */
final class VectorSampleKernels {

    private VectorSampleKernels() {
    }

    static double dot(double[] w, int off, double[] x, int n) {
        return K == 1 ? dot1(w, off, x, n) : dot(w, off, x, 0, n);
    }

    /** {@link #dot(double[], int, double[], int)} of {@code x} from {@code xo} on. */
    static double dot(double[] w, int off, double[] x, int xo, int n) {
        int full = n & -VD;
        DoubleVector c = DoubleVector.zero(D);
        DoubleVector d = c;
        DoubleVector e = c;
        DoubleVector f = c;
        for (int j = 0; j < full; j += VD) {
            c = DoubleVector.fromArray(D, w, off + j).fma(DoubleVector.fromArray(D, x, xo + j), c);
            if (K >= 2) {
                d = DoubleVector.fromArray(D, w, off + j + DL).fma(DoubleVector.fromArray(D, x, xo + j + DL), d);
            }
            if (K == 4) {
                e = DoubleVector.fromArray(D, w, off + j + 2 * DL).fma(DoubleVector.fromArray(D, x, xo + j + 2 * DL), e);
                f = DoubleVector.fromArray(D, w, off + j + 3 * DL).fma(DoubleVector.fromArray(D, x, xo + j + 3 * DL), f);
            }
        }
        return tail(sum(c, d, e, f), w, off, x, xo, full, n);
    }

    static double axpyDot(double a, double[] xp, double[] w, int off, double[] xn, int n) {
        return K == 1 ? axpyDot1(a, xp, w, off, xn, n) : axpyDotK(a, xp, w, off, xn, n);
    }

    private static double axpyDotK(double a, double[] xp, double[] w, int off, double[] xn, int n) {
        int full = n & -VD;
        DoubleVector av = DoubleVector.broadcast(D, a);
        DoubleVector c = DoubleVector.zero(D);
        DoubleVector d = c;
        DoubleVector e = c;
        DoubleVector f = c;
        for (int j = 0; j < full; j += VD) {
            DoubleVector wv = av.fma(DoubleVector.fromArray(D, xp, j), DoubleVector.fromArray(D, w, off + j));
            wv.intoArray(w, off + j);
            c = wv.fma(DoubleVector.fromArray(D, xn, j), c);
            if (K >= 2) {
                int jj = j + DL;
                wv = av.fma(DoubleVector.fromArray(D, xp, jj), DoubleVector.fromArray(D, w, off + jj));
                wv.intoArray(w, off + jj);
                d = wv.fma(DoubleVector.fromArray(D, xn, jj), d);
            }
            if (K == 4) {
                int jj = j + 2 * DL;
                wv = av.fma(DoubleVector.fromArray(D, xp, jj), DoubleVector.fromArray(D, w, off + jj));
                wv.intoArray(w, off + jj);
                e = wv.fma(DoubleVector.fromArray(D, xn, jj), e);
                jj += DL;
                wv = av.fma(DoubleVector.fromArray(D, xp, jj), DoubleVector.fromArray(D, w, off + jj));
                wv.intoArray(w, off + jj);
                f = wv.fma(DoubleVector.fromArray(D, xn, jj), f);
            }
        }
        return axpyTail(sum(c, d, e, f), a, xp, w, off, xn, full, n);
    }

    static void dotRows(double[] w, int r0, int r1, int n, double[] x, double[] z) {
        if (K == 1) {
            dotRows1(w, r0, r1, n, x, z);
        } else {
            dotRows(w, r0, r1, n, x, 0, z, 0);
        }
    }

    /** {@code z[zo + r] = dot(w, r*n, x from xo, n)} for {@code r0 <= r < r1}, four rows at a time. */
    static void dotRows(double[] w, int r0, int r1, int n, double[] x, int xo, double[] z, int zo) {
        int full = n & -VD;
        int r = r0;
        for (; r + 3 < r1; r += 4) {
            int o0 = r * n;
            int o1 = o0 + n;
            int o2 = o1 + n;
            int o3 = o2 + n;
            DoubleVector c0 = DoubleVector.zero(D);
            DoubleVector c1 = c0;
            DoubleVector c2 = c0;
            DoubleVector c3 = c0;
            DoubleVector d0 = c0;
            DoubleVector d1 = c0;
            DoubleVector d2 = c0;
            DoubleVector d3 = c0;
            DoubleVector e0 = c0;
            DoubleVector e1 = c0;
            DoubleVector e2 = c0;
            DoubleVector e3 = c0;
            DoubleVector f0 = c0;
            DoubleVector f1 = c0;
            DoubleVector f2 = c0;
            DoubleVector f3 = c0;
            for (int j = 0; j < full; j += VD) {
                DoubleVector xv = DoubleVector.fromArray(D, x, xo + j);
                c0 = DoubleVector.fromArray(D, w, o0 + j).fma(xv, c0);
                c1 = DoubleVector.fromArray(D, w, o1 + j).fma(xv, c1);
                c2 = DoubleVector.fromArray(D, w, o2 + j).fma(xv, c2);
                c3 = DoubleVector.fromArray(D, w, o3 + j).fma(xv, c3);
                if (K >= 2) {
                    int jj = j + DL;
                    xv = DoubleVector.fromArray(D, x, xo + jj);
                    d0 = DoubleVector.fromArray(D, w, o0 + jj).fma(xv, d0);
                    d1 = DoubleVector.fromArray(D, w, o1 + jj).fma(xv, d1);
                    d2 = DoubleVector.fromArray(D, w, o2 + jj).fma(xv, d2);
                    d3 = DoubleVector.fromArray(D, w, o3 + jj).fma(xv, d3);
                }
                if (K == 4) {
                    int jj = j + 2 * DL;
                    xv = DoubleVector.fromArray(D, x, xo + jj);
                    e0 = DoubleVector.fromArray(D, w, o0 + jj).fma(xv, e0);
                    e1 = DoubleVector.fromArray(D, w, o1 + jj).fma(xv, e1);
                    e2 = DoubleVector.fromArray(D, w, o2 + jj).fma(xv, e2);
                    e3 = DoubleVector.fromArray(D, w, o3 + jj).fma(xv, e3);
                    jj += DL;
                    xv = DoubleVector.fromArray(D, x, xo + jj);
                    f0 = DoubleVector.fromArray(D, w, o0 + jj).fma(xv, f0);
                    f1 = DoubleVector.fromArray(D, w, o1 + jj).fma(xv, f1);
                    f2 = DoubleVector.fromArray(D, w, o2 + jj).fma(xv, f2);
                    f3 = DoubleVector.fromArray(D, w, o3 + jj).fma(xv, f3);
                }
            }
            // each virtual vector summed as sum() sums it, written out (see VectorQueryKernels.forward4x4): its first
            // halvings, then the fold
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
            for (VectorShuffle<Double> f : D_FOLDS) {
                c0 = c0.add(c0.rearrange(f));
                c1 = c1.add(c1.rearrange(f));
                c2 = c2.add(c2.rearrange(f));
                c3 = c3.add(c3.rearrange(f));
            }
            z[zo + r] = tail(c0.lane(0), w, o0, x, xo, full, n);
            z[zo + r + 1] = tail(c1.lane(0), w, o1, x, xo, full, n);
            z[zo + r + 2] = tail(c2.lane(0), w, o2, x, xo, full, n);
            z[zo + r + 3] = tail(c3.lane(0), w, o3, x, xo, full, n);
        }
        for (; r < r1; r++) {
            z[zo + r] = dot(w, r * n, x, xo, n);
        }
    }

    static void axpyDotRows(double[] alpha, double[] xp, double[] w, int r0, int r1, int n, double[] xn, double[] z) {
        if (K == 1) {
            axpyDotRows1(alpha, xp, w, r0, r1, n, xn, z);
        } else {
            axpyDotRowsK(alpha, xp, w, r0, r1, n, xn, z);
        }
    }

    private static void axpyDotRowsK(double[] alpha, double[] xp, double[] w, int r0, int r1, int n, double[] xn,
            double[] z) {
        int full = n & -VD;
        int r = r0;
        // four rows at a time up to 256-bit vectors; on 128-bit ones (K == 4) two: four rows of four accumulators ran
        // 10 times slower (measured; most likely a loop that large makes the JIT leave Vector API calls out of line)
        for (; K <= 2 && r + 3 < r1; r += 4) {
            int o0 = r * n;
            int o1 = o0 + n;
            int o2 = o1 + n;
            int o3 = o2 + n;
            DoubleVector a0 = DoubleVector.broadcast(D, alpha[r]);
            DoubleVector a1 = DoubleVector.broadcast(D, alpha[r + 1]);
            DoubleVector a2 = DoubleVector.broadcast(D, alpha[r + 2]);
            DoubleVector a3 = DoubleVector.broadcast(D, alpha[r + 3]);
            DoubleVector c0 = DoubleVector.zero(D);
            DoubleVector c1 = c0;
            DoubleVector c2 = c0;
            DoubleVector c3 = c0;
            DoubleVector d0 = c0;
            DoubleVector d1 = c0;
            DoubleVector d2 = c0;
            DoubleVector d3 = c0;
            DoubleVector e0 = c0;
            DoubleVector e1 = c0;
            DoubleVector e2 = c0;
            DoubleVector e3 = c0;
            DoubleVector f0 = c0;
            DoubleVector f1 = c0;
            DoubleVector f2 = c0;
            DoubleVector f3 = c0;
            for (int j = 0; j < full; j += VD) {
                DoubleVector p = DoubleVector.fromArray(D, xp, j);
                DoubleVector q = DoubleVector.fromArray(D, xn, j);
                DoubleVector w0 = a0.fma(p, DoubleVector.fromArray(D, w, o0 + j));
                DoubleVector w1 = a1.fma(p, DoubleVector.fromArray(D, w, o1 + j));
                DoubleVector w2 = a2.fma(p, DoubleVector.fromArray(D, w, o2 + j));
                DoubleVector w3 = a3.fma(p, DoubleVector.fromArray(D, w, o3 + j));
                w0.intoArray(w, o0 + j);
                w1.intoArray(w, o1 + j);
                w2.intoArray(w, o2 + j);
                w3.intoArray(w, o3 + j);
                c0 = w0.fma(q, c0);
                c1 = w1.fma(q, c1);
                c2 = w2.fma(q, c2);
                c3 = w3.fma(q, c3);
                if (K >= 2) {
                    int jj = j + DL;
                    p = DoubleVector.fromArray(D, xp, jj);
                    q = DoubleVector.fromArray(D, xn, jj);
                    d0 = axpyStep(a0, p, q, w, o0 + jj, d0);
                    d1 = axpyStep(a1, p, q, w, o1 + jj, d1);
                    d2 = axpyStep(a2, p, q, w, o2 + jj, d2);
                    d3 = axpyStep(a3, p, q, w, o3 + jj, d3);
                }
                if (K == 4) {
                    int jj = j + 2 * DL;
                    p = DoubleVector.fromArray(D, xp, jj);
                    q = DoubleVector.fromArray(D, xn, jj);
                    e0 = axpyStep(a0, p, q, w, o0 + jj, e0);
                    e1 = axpyStep(a1, p, q, w, o1 + jj, e1);
                    e2 = axpyStep(a2, p, q, w, o2 + jj, e2);
                    e3 = axpyStep(a3, p, q, w, o3 + jj, e3);
                    jj += DL;
                    p = DoubleVector.fromArray(D, xp, jj);
                    q = DoubleVector.fromArray(D, xn, jj);
                    f0 = axpyStep(a0, p, q, w, o0 + jj, f0);
                    f1 = axpyStep(a1, p, q, w, o1 + jj, f1);
                    f2 = axpyStep(a2, p, q, w, o2 + jj, f2);
                    f3 = axpyStep(a3, p, q, w, o3 + jj, f3);
                }
            }
            // summed as sum() sums, written out (see dotRows)
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
            for (VectorShuffle<Double> f : D_FOLDS) {
                c0 = c0.add(c0.rearrange(f));
                c1 = c1.add(c1.rearrange(f));
                c2 = c2.add(c2.rearrange(f));
                c3 = c3.add(c3.rearrange(f));
            }
            z[r] = axpyTail(c0.lane(0), alpha[r], xp, w, o0, xn, full, n);
            z[r + 1] = axpyTail(c1.lane(0), alpha[r + 1], xp, w, o1, xn, full, n);
            z[r + 2] = axpyTail(c2.lane(0), alpha[r + 2], xp, w, o2, xn, full, n);
            z[r + 3] = axpyTail(c3.lane(0), alpha[r + 3], xp, w, o3, xn, full, n);
        }
        for (; r + 1 < r1; r += 2) {
            int o0 = r * n;
            int o1 = o0 + n;
            DoubleVector a0 = DoubleVector.broadcast(D, alpha[r]);
            DoubleVector a1 = DoubleVector.broadcast(D, alpha[r + 1]);
            DoubleVector c0 = DoubleVector.zero(D);
            DoubleVector c1 = c0;
            DoubleVector d0 = c0;
            DoubleVector d1 = c0;
            DoubleVector e0 = c0;
            DoubleVector e1 = c0;
            DoubleVector f0 = c0;
            DoubleVector f1 = c0;
            for (int j = 0; j < full; j += VD) {
                DoubleVector p = DoubleVector.fromArray(D, xp, j);
                DoubleVector q = DoubleVector.fromArray(D, xn, j);
                DoubleVector w0 = a0.fma(p, DoubleVector.fromArray(D, w, o0 + j));
                DoubleVector w1 = a1.fma(p, DoubleVector.fromArray(D, w, o1 + j));
                w0.intoArray(w, o0 + j);
                w1.intoArray(w, o1 + j);
                c0 = w0.fma(q, c0);
                c1 = w1.fma(q, c1);
                if (K >= 2) {
                    int jj = j + DL;
                    p = DoubleVector.fromArray(D, xp, jj);
                    q = DoubleVector.fromArray(D, xn, jj);
                    d0 = axpyStep(a0, p, q, w, o0 + jj, d0);
                    d1 = axpyStep(a1, p, q, w, o1 + jj, d1);
                }
                if (K == 4) {
                    int jj = j + 2 * DL;
                    p = DoubleVector.fromArray(D, xp, jj);
                    q = DoubleVector.fromArray(D, xn, jj);
                    e0 = axpyStep(a0, p, q, w, o0 + jj, e0);
                    e1 = axpyStep(a1, p, q, w, o1 + jj, e1);
                    jj += DL;
                    p = DoubleVector.fromArray(D, xp, jj);
                    q = DoubleVector.fromArray(D, xn, jj);
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
            for (VectorShuffle<Double> f : D_FOLDS) {
                c0 = c0.add(c0.rearrange(f));
                c1 = c1.add(c1.rearrange(f));
            }
            z[r] = axpyTail(c0.lane(0), alpha[r], xp, w, o0, xn, full, n);
            z[r + 1] = axpyTail(c1.lane(0), alpha[r + 1], xp, w, o1, xn, full, n);
        }
        for (; r < r1; r++) {
            z[r] = axpyDotK(alpha[r], xp, w, r * n, xn, n);
        }
    }

    // ---- 512-bit vectors (K == 1): the loops as they were before the canonical order, which they already follow

    private static double dot1(double[] w, int off, double[] x, int n) {
        int full = n & -VD;
        DoubleVector acc = DoubleVector.zero(D);
        for (int j = 0; j < full; j += DL) {
            acc = DoubleVector.fromArray(D, w, off + j).fma(DoubleVector.fromArray(D, x, j), acc);
        }
        double s = sum(acc);
        for (int j = full; j < n; j++) {
            s = Math.fma(w[off + j], x[j], s);
        }
        return s;
    }

    private static double axpyDot1(double a, double[] xp, double[] w, int off, double[] xn, int n) {
        int full = n & -VD;
        DoubleVector av = DoubleVector.broadcast(D, a);
        DoubleVector acc = DoubleVector.zero(D);
        for (int j = 0; j < full; j += DL) {
            DoubleVector wv = av.fma(DoubleVector.fromArray(D, xp, j), DoubleVector.fromArray(D, w, off + j));
            wv.intoArray(w, off + j);
            acc = wv.fma(DoubleVector.fromArray(D, xn, j), acc);
        }
        double s = sum(acc);
        for (int j = full; j < n; j++) {
            double wj = Math.fma(a, xp[j], w[off + j]);
            w[off + j] = wj;
            s = Math.fma(wj, xn[j], s);
        }
        return s;
    }

    private static void dotRows1(double[] w, int r0, int r1, int n, double[] x, double[] z) {
        int full = n & -VD;
        int r = r0;
        for (; r + 3 < r1; r += 4) {
            int o0 = r * n;
            int o1 = o0 + n;
            int o2 = o1 + n;
            int o3 = o2 + n;
            DoubleVector c0 = DoubleVector.zero(D);
            DoubleVector c1 = c0;
            DoubleVector c2 = c0;
            DoubleVector c3 = c0;
            for (int j = 0; j < full; j += DL) {
                DoubleVector xv = DoubleVector.fromArray(D, x, j);
                c0 = DoubleVector.fromArray(D, w, o0 + j).fma(xv, c0);
                c1 = DoubleVector.fromArray(D, w, o1 + j).fma(xv, c1);
                c2 = DoubleVector.fromArray(D, w, o2 + j).fma(xv, c2);
                c3 = DoubleVector.fromArray(D, w, o3 + j).fma(xv, c3);
            }
            for (VectorShuffle<Double> f : D_FOLDS) {
                c0 = c0.add(c0.rearrange(f));
                c1 = c1.add(c1.rearrange(f));
                c2 = c2.add(c2.rearrange(f));
                c3 = c3.add(c3.rearrange(f));
            }
            z[r] = tail(c0.lane(0), w, o0, x, 0, full, n);
            z[r + 1] = tail(c1.lane(0), w, o1, x, 0, full, n);
            z[r + 2] = tail(c2.lane(0), w, o2, x, 0, full, n);
            z[r + 3] = tail(c3.lane(0), w, o3, x, 0, full, n);
        }
        for (; r < r1; r++) {
            z[r] = dot1(w, r * n, x, n);
        }
    }

    private static void axpyDotRows1(double[] alpha, double[] xp, double[] w, int r0, int r1, int n, double[] xn, double[] z) {
        int full = n & -VD;
        int r = r0;
        for (; r + 3 < r1; r += 4) {
            int o0 = r * n;
            int o1 = o0 + n;
            int o2 = o1 + n;
            int o3 = o2 + n;
            DoubleVector a0 = DoubleVector.broadcast(D, alpha[r]);
            DoubleVector a1 = DoubleVector.broadcast(D, alpha[r + 1]);
            DoubleVector a2 = DoubleVector.broadcast(D, alpha[r + 2]);
            DoubleVector a3 = DoubleVector.broadcast(D, alpha[r + 3]);
            DoubleVector c0 = DoubleVector.zero(D);
            DoubleVector c1 = c0;
            DoubleVector c2 = c0;
            DoubleVector c3 = c0;
            for (int j = 0; j < full; j += DL) {
                DoubleVector p = DoubleVector.fromArray(D, xp, j);
                DoubleVector q = DoubleVector.fromArray(D, xn, j);
                DoubleVector w0 = a0.fma(p, DoubleVector.fromArray(D, w, o0 + j));
                DoubleVector w1 = a1.fma(p, DoubleVector.fromArray(D, w, o1 + j));
                DoubleVector w2 = a2.fma(p, DoubleVector.fromArray(D, w, o2 + j));
                DoubleVector w3 = a3.fma(p, DoubleVector.fromArray(D, w, o3 + j));
                w0.intoArray(w, o0 + j);
                w1.intoArray(w, o1 + j);
                w2.intoArray(w, o2 + j);
                w3.intoArray(w, o3 + j);
                c0 = w0.fma(q, c0);
                c1 = w1.fma(q, c1);
                c2 = w2.fma(q, c2);
                c3 = w3.fma(q, c3);
            }
            for (VectorShuffle<Double> f : D_FOLDS) {
                c0 = c0.add(c0.rearrange(f));
                c1 = c1.add(c1.rearrange(f));
                c2 = c2.add(c2.rearrange(f));
                c3 = c3.add(c3.rearrange(f));
            }
            z[r] = axpyTail(c0.lane(0), alpha[r], xp, w, o0, xn, full, n);
            z[r + 1] = axpyTail(c1.lane(0), alpha[r + 1], xp, w, o1, xn, full, n);
            z[r + 2] = axpyTail(c2.lane(0), alpha[r + 2], xp, w, o2, xn, full, n);
            z[r + 3] = axpyTail(c3.lane(0), alpha[r + 3], xp, w, o3, xn, full, n);
        }
        for (; r + 1 < r1; r += 2) {
            int o0 = r * n;
            int o1 = o0 + n;
            DoubleVector a0 = DoubleVector.broadcast(D, alpha[r]);
            DoubleVector a1 = DoubleVector.broadcast(D, alpha[r + 1]);
            DoubleVector c0 = DoubleVector.zero(D);
            DoubleVector c1 = c0;
            for (int j = 0; j < full; j += DL) {
                DoubleVector p = DoubleVector.fromArray(D, xp, j);
                DoubleVector q = DoubleVector.fromArray(D, xn, j);
                DoubleVector w0 = a0.fma(p, DoubleVector.fromArray(D, w, o0 + j));
                DoubleVector w1 = a1.fma(p, DoubleVector.fromArray(D, w, o1 + j));
                w0.intoArray(w, o0 + j);
                w1.intoArray(w, o1 + j);
                c0 = w0.fma(q, c0);
                c1 = w1.fma(q, c1);
            }
            for (VectorShuffle<Double> f : D_FOLDS) {
                c0 = c0.add(c0.rearrange(f));
                c1 = c1.add(c1.rearrange(f));
            }
            z[r] = axpyTail(c0.lane(0), alpha[r], xp, w, o0, xn, full, n);
            z[r + 1] = axpyTail(c1.lane(0), alpha[r + 1], xp, w, o1, xn, full, n);
        }
        for (; r < r1; r++) {
            z[r] = axpyDot1(alpha[r], xp, w, r * n, xn, n);
        }
    }


    /**
     * One hardware vector of an {@code axpyDot} row at {@code o}: the updated weights stored, then added into the
     * accumulator {@code c}. Only the narrower widths' extra accumulators use it (a small method, inlined in the hot
     * loop); the first accumulator's steps are written out as before.
     */
    private static DoubleVector axpyStep(DoubleVector a, DoubleVector p, DoubleVector q, double[] w, int o, DoubleVector c) {
        DoubleVector wv = a.fma(p, DoubleVector.fromArray(D, w, o));
        wv.intoArray(w, o);
        return wv.fma(q, c);
    }

    static double tail(double s, double[] w, int wo, double[] x, int xo, int full, int n) {
        double t = s;
        for (int j = full; j < n; j++) {
            t = Math.fma(w[wo + j], x[xo + j], t);
        }
        return t;
    }

    private static double axpyTail(double s, double a, double[] xp, double[] w, int off, double[] xn, int full, int n) {
        double t = s;
        for (int j = full; j < n; j++) {
            double wj = Math.fma(a, xp[j], w[off + j]);
            w[off + j] = wj;
            t = Math.fma(wj, xn[j], t);
        }
        return t;
    }

    static void axpy(double a, double[] x, double[] w, int off, int n) {
        DoubleVector av = DoubleVector.broadcast(D, a);
        int j = 0;
        for (; j <= n - DL; j += DL) {
            av.fma(DoubleVector.fromArray(D, x, j), DoubleVector.fromArray(D, w, off + j)).intoArray(w, off + j);
        }
        for (; j < n; j++) {
            w[off + j] = Math.fma(a, x[j], w[off + j]);
        }
    }

    static void backAxpy(double v, double a, double[] in, double[] w, int off, double[] e, int n) {
        DoubleVector vv = DoubleVector.broadcast(D, v);
        DoubleVector av = DoubleVector.broadcast(D, a);
        int j = 0;
        for (; j <= n - DL; j += DL) {
            DoubleVector wj = DoubleVector.fromArray(D, w, off + j);
            vv.fma(wj, DoubleVector.fromArray(D, e, j)).intoArray(e, j);
            av.fma(DoubleVector.fromArray(D, in, j), wj).intoArray(w, off + j);
        }
        for (; j < n; j++) {
            double wj = w[off + j];
            e[j] = Math.fma(v, wj, e[j]);
            w[off + j] = Math.fma(a, in[j], wj);
        }
    }
}
