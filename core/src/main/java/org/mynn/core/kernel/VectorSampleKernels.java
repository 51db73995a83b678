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
 * {@code axpyDotRows}), the forward pass of a batch of queries ({@code forwardBatch}, each output summed as {@code dot}
 * sums it), and the blur's small matrix product {@code mulRows}; {@link VectorSampleFloatKernels} has the float ones.
 * Each dot product follows the canonical order of {@link Kernels}: one virtual vector of {@link VectorLanes#VD} lanes,
 * held in {@link VectorLanes#K} hardware accumulators ({@code c} the first lanes, then {@code d}, {@code e},
 * {@code f}; with {@code K == 1} only {@code c}, the others compiled away), folded by {@link VectorLanes}' fold,
 * then the scalar tail with {@code Math.fma}. Several rows at a time share the loads of the input (measured faster
 * here than more accumulators on one row).
 *
 * <p>Static methods, called by {@link VectorKernels} (a final class, so the JIT compiler inlines the call).
 */
final class VectorSampleKernels {

    private VectorSampleKernels() {
    }

    static double dot(double[] w, int off, double[] x, int n) {
        return dot(w, off, x, 0, n);
    }

    /** {@link #dot(double[], int, double[], int)} of {@code x} from {@code xo} on. */
    private static double dot(double[] w, int off, double[] x, int xo, int n) {
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
        dotRows(w, r0, r1, n, x, 0, z, 0);
    }

    /** {@code z[zo + r] = dot(w, r*n, x from xo, n)} for {@code r0 <= r < r1}, four rows at a time. */
    private static void dotRows(double[] w, int r0, int r1, int n, double[] x, int xo, double[] z, int zo) {
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
            // each virtual vector summed as sum() sums it, written out (see forward4x4): its first halvings, then the fold
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
            z[r] = axpyDot(alpha[r], xp, w, r * n, xn, n);
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

    private static double tail(double s, double[] w, int wo, double[] x, int xo, int full, int n) {
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

    static void mulRows(double[] m, int rows, int inner, double[] x, int width, double[] out) {
        int full = D.loopBound(width);
        DoubleVector zero = DoubleVector.zero(D);
        for (int y = 0; y < rows; y++) {
            int mo = y * inner;
            int oo = y * width;
            int c = 0;
            for (; c + 4 * DL <= full; c += 4 * DL) {
                DoubleVector a0 = zero;
                DoubleVector a1 = zero;
                DoubleVector a2 = zero;
                DoubleVector a3 = zero;
                for (int j = 0; j < inner; j++) {
                    DoubleVector w = DoubleVector.broadcast(D, m[mo + j]);
                    int xo = j * width + c;
                    a0 = DoubleVector.fromArray(D, x, xo).fma(w, a0);
                    a1 = DoubleVector.fromArray(D, x, xo + DL).fma(w, a1);
                    a2 = DoubleVector.fromArray(D, x, xo + 2 * DL).fma(w, a2);
                    a3 = DoubleVector.fromArray(D, x, xo + 3 * DL).fma(w, a3);
                }
                a0.intoArray(out, oo + c);
                a1.intoArray(out, oo + c + DL);
                a2.intoArray(out, oo + c + 2 * DL);
                a3.intoArray(out, oo + c + 3 * DL);
            }
            for (; c < full; c += DL) {
                DoubleVector a0 = zero;
                for (int j = 0; j < inner; j++) {
                    a0 = DoubleVector.fromArray(D, x, j * width + c).fma(DoubleVector.broadcast(D, m[mo + j]), a0);
                }
                a0.intoArray(out, oo + c);
            }
            for (; c < width; c++) {
                double s = 0;
                for (int j = 0; j < inner; j++) {
                    s = Math.fma(m[mo + j], x[j * width + c], s);
                }
                out[oo + c] = s;
            }
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


    static void forwardBatch(double[] a, int batch, int n, double[] w, int m, double[] z, int r0, int r1) {
        if (K > 1) {
            // narrower vectors need K accumulators per output, too many for tiles of several samples: each sample's
            // rows four at a time, as dotRows sums them
            for (int b = 0; b < batch; b++) {
                dotRows(w, r0, r1, n, a, b * n, z, b * m);
            }
            return;
        }
        int full = n & -VD;
        int r = r0;
        // tiles of 4 rows x 4 samples: 8 loads feed 16 fused multiply-adds, so the loads from the L2 cache keep up
        for (; r + 3 < r1 && batch >= 4; r += 4) {
            int b = 0;
            for (; b + 3 < batch; b += 4) {
                forward4x4(a, b, n, w, r, m, z, full);
            }
            for (; b < batch; b++) {
                for (int q = r; q < r + 4; q++) {
                    z[b * m + q] = dot(w, q * n, a, b * n, n);
                }
            }
        }
        forward2(a, batch, n, w, m, z, r, r1, full);
    }

    /** The outputs of rows {@code r..r+3} for samples {@code b..b+3}, each summed as {@link #dot} sums. */
    private static void forward4x4(double[] a, int b, int n, double[] w, int r, int m, double[] z, int full) {
        int w0 = r * n;
        int w1 = w0 + n;
        int w2 = w1 + n;
        int w3 = w2 + n;
        int a0 = b * n;
        int a1 = a0 + n;
        int a2 = a1 + n;
        int a3 = a2 + n;
        DoubleVector c00 = DoubleVector.zero(D);
        DoubleVector c01 = c00;
        DoubleVector c02 = c00;
        DoubleVector c03 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c12 = c00;
        DoubleVector c13 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c22 = c00;
        DoubleVector c23 = c00;
        DoubleVector c30 = c00;
        DoubleVector c31 = c00;
        DoubleVector c32 = c00;
        DoubleVector c33 = c00;
        for (int j = 0; j < full; j += DL) {
            DoubleVector x0 = DoubleVector.fromArray(D, w, w0 + j);
            DoubleVector x1 = DoubleVector.fromArray(D, w, w1 + j);
            DoubleVector x2 = DoubleVector.fromArray(D, w, w2 + j);
            DoubleVector x3 = DoubleVector.fromArray(D, w, w3 + j);
            DoubleVector y = DoubleVector.fromArray(D, a, a0 + j);
            c00 = x0.fma(y, c00);
            c01 = x1.fma(y, c01);
            c02 = x2.fma(y, c02);
            c03 = x3.fma(y, c03);
            y = DoubleVector.fromArray(D, a, a1 + j);
            c10 = x0.fma(y, c10);
            c11 = x1.fma(y, c11);
            c12 = x2.fma(y, c12);
            c13 = x3.fma(y, c13);
            y = DoubleVector.fromArray(D, a, a2 + j);
            c20 = x0.fma(y, c20);
            c21 = x1.fma(y, c21);
            c22 = x2.fma(y, c22);
            c23 = x3.fma(y, c23);
            y = DoubleVector.fromArray(D, a, a3 + j);
            c30 = x0.fma(y, c30);
            c31 = x1.fma(y, c31);
            c32 = x2.fma(y, c32);
            c33 = x3.fma(y, c33);
        }
        // each accumulator's lanes summed as sum() sums them, written out here: a helper called 16 times after the loop
        // is not always inlined by the JIT (too large for a call that runs once per loop), and each call not inlined
        // boxes its vector
        for (VectorShuffle<Double> f : D_FOLDS) {
            c00 = c00.add(c00.rearrange(f));
            c01 = c01.add(c01.rearrange(f));
            c02 = c02.add(c02.rearrange(f));
            c03 = c03.add(c03.rearrange(f));
            c10 = c10.add(c10.rearrange(f));
            c11 = c11.add(c11.rearrange(f));
            c12 = c12.add(c12.rearrange(f));
            c13 = c13.add(c13.rearrange(f));
            c20 = c20.add(c20.rearrange(f));
            c21 = c21.add(c21.rearrange(f));
            c22 = c22.add(c22.rearrange(f));
            c23 = c23.add(c23.rearrange(f));
            c30 = c30.add(c30.rearrange(f));
            c31 = c31.add(c31.rearrange(f));
            c32 = c32.add(c32.rearrange(f));
            c33 = c33.add(c33.rearrange(f));
        }
        int z0 = b * m + r;
        z[z0] = tail(c00.lane(0), w, w0, a, a0, full, n);
        z[z0 + 1] = tail(c01.lane(0), w, w1, a, a0, full, n);
        z[z0 + 2] = tail(c02.lane(0), w, w2, a, a0, full, n);
        z[z0 + 3] = tail(c03.lane(0), w, w3, a, a0, full, n);
        z0 += m;
        z[z0] = tail(c10.lane(0), w, w0, a, a1, full, n);
        z[z0 + 1] = tail(c11.lane(0), w, w1, a, a1, full, n);
        z[z0 + 2] = tail(c12.lane(0), w, w2, a, a1, full, n);
        z[z0 + 3] = tail(c13.lane(0), w, w3, a, a1, full, n);
        z0 += m;
        z[z0] = tail(c20.lane(0), w, w0, a, a2, full, n);
        z[z0 + 1] = tail(c21.lane(0), w, w1, a, a2, full, n);
        z[z0 + 2] = tail(c22.lane(0), w, w2, a, a2, full, n);
        z[z0 + 3] = tail(c23.lane(0), w, w3, a, a2, full, n);
        z0 += m;
        z[z0] = tail(c30.lane(0), w, w0, a, a3, full, n);
        z[z0 + 1] = tail(c31.lane(0), w, w1, a, a3, full, n);
        z[z0 + 2] = tail(c32.lane(0), w, w2, a, a3, full, n);
        z[z0 + 3] = tail(c33.lane(0), w, w3, a, a3, full, n);
    }

    /** {@link #forwardBatch} for rows {@code r0 <= r < r1}, two rows at a time. */
    private static void forward2(double[] a, int batch, int n, double[] w, int m, double[] z, int r0, int r1, int full) {
        DoubleVector zero = DoubleVector.zero(D);
        int r = r0;
        for (; r + 1 < r1; r += 2) {
            int w0 = r * n;
            int w1 = w0 + n;
            int b = 0;
            for (; b + 3 < batch; b += 4) {
                int a0 = b * n;
                int a1 = a0 + n;
                int a2 = a1 + n;
                int a3 = a2 + n;
                DoubleVector c00 = zero;
                DoubleVector c01 = zero;
                DoubleVector c10 = zero;
                DoubleVector c11 = zero;
                DoubleVector c20 = zero;
                DoubleVector c21 = zero;
                DoubleVector c30 = zero;
                DoubleVector c31 = zero;
                for (int j = 0; j < full; j += DL) {
                    DoubleVector x0 = DoubleVector.fromArray(D, w, w0 + j);
                    DoubleVector x1 = DoubleVector.fromArray(D, w, w1 + j);
                    DoubleVector y = DoubleVector.fromArray(D, a, a0 + j);
                    c00 = x0.fma(y, c00);
                    c01 = x1.fma(y, c01);
                    y = DoubleVector.fromArray(D, a, a1 + j);
                    c10 = x0.fma(y, c10);
                    c11 = x1.fma(y, c11);
                    y = DoubleVector.fromArray(D, a, a2 + j);
                    c20 = x0.fma(y, c20);
                    c21 = x1.fma(y, c21);
                    y = DoubleVector.fromArray(D, a, a3 + j);
                    c30 = x0.fma(y, c30);
                    c31 = x1.fma(y, c31);
                }
                // summed as sum() sums, written out (see forward4x4)
                for (VectorShuffle<Double> f : D_FOLDS) {
                    c00 = c00.add(c00.rearrange(f));
                    c01 = c01.add(c01.rearrange(f));
                    c10 = c10.add(c10.rearrange(f));
                    c11 = c11.add(c11.rearrange(f));
                    c20 = c20.add(c20.rearrange(f));
                    c21 = c21.add(c21.rearrange(f));
                    c30 = c30.add(c30.rearrange(f));
                    c31 = c31.add(c31.rearrange(f));
                }
                z[b * m + r] = tail(c00.lane(0), w, w0, a, a0, full, n);
                z[b * m + r + 1] = tail(c01.lane(0), w, w1, a, a0, full, n);
                z[(b + 1) * m + r] = tail(c10.lane(0), w, w0, a, a1, full, n);
                z[(b + 1) * m + r + 1] = tail(c11.lane(0), w, w1, a, a1, full, n);
                z[(b + 2) * m + r] = tail(c20.lane(0), w, w0, a, a2, full, n);
                z[(b + 2) * m + r + 1] = tail(c21.lane(0), w, w1, a, a2, full, n);
                z[(b + 3) * m + r] = tail(c30.lane(0), w, w0, a, a3, full, n);
                z[(b + 3) * m + r + 1] = tail(c31.lane(0), w, w1, a, a3, full, n);
            }
            for (; b < batch; b++) {
                z[b * m + r] = dot(w, w0, a, b * n, n);
                z[b * m + r + 1] = dot(w, w1, a, b * n, n);
            }
        }
        for (; r < r1; r++) {
            for (int b = 0; b < batch; b++) {
                z[b * m + r] = dot(w, r * n, a, b * n, n);
            }
        }
    }
}
