package org.mynn.core.kernel;

import static org.mynn.core.kernel.VectorLanes.D;
import static org.mynn.core.kernel.VectorLanes.DL;

import jdk.incubator.vector.DoubleVector;

/**
 * The vector kernels of mini-batch training in double ({@code forwardBatchT}, {@code updateBatch},
 * {@code gradientBatch}, {@code backpropBatch}): tiles of 4 rows (or samples) by up to 4 vectors, each sum along one
 * lane in order, so no lanes are summed and the results are {@link ScalarKernels}' bit for bit, however the rows are
 * shared out. {@link VectorBatchFloatKernels} has the same loops in float.
 *
 * <p>Static methods, called by {@link VectorKernels} (a final class, so the JIT compiler inlines the call).
 */
final class VectorBatchKernels {

    private VectorBatchKernels() {
    }

    static void updateBatch(double alpha, double[] gt, int batch, double[] a, int n, double[] w, int r0, int r1) {
        updateBatch(alpha, gt, batch, a, n, w, r0, r1, false);
    }

    static void gradientBatch(double alpha, double[] gt, int batch, double[] a, int n, double[] g, int r0, int r1) {
        updateBatch(alpha, gt, batch, a, n, g, r0, r1, true);
    }

    /**
     * {@link #updateBatch}, or with {@code fresh} {@link #gradientBatch}: each sum is added to a zero vector instead of
     * {@code w}'s (the same bits as on rows of zeros, signed zeros too) and row {@code r} goes to {@code r - r0}.
     */
    private static void updateBatch(double alpha, double[] gt, int batch, double[] a, int n, double[] w, int r0, int r1,
            boolean fresh) {
        int base = fresh ? r0 * n : 0;
        // the prior values: w's, or zeros for a fresh gradient (as in update4x4)
        double[] src = fresh ? DZEROS : w;
        DoubleVector al = DoubleVector.broadcast(D, alpha);
        DoubleVector zero = DoubleVector.zero(D);
        int full = D.loopBound(n);
        int j = 0;
        // tiles of 4 rows x 4 vectors: 8 loads (4 of a, 4 broadcasts of gt) feed 16 fused multiply-adds
        for (; j + 4 * DL <= full; j += 4 * DL) {
            int r = r0;
            for (; r + 3 < r1; r += 4) {
                update4x4(al, gt, batch, a, n, w, r, j, fresh, base);
            }
            for (; r < r1; r++) {
                for (int jj = j; jj < j + 4 * DL; jj += DL) {
                    DoubleVector c = zero;
                    for (int b = 0; b < batch; b++) {
                        c = DoubleVector.broadcast(D, gt[r * batch + b]).fma(DoubleVector.fromArray(D, a, b * n + jj), c);
                    }
                    al.fma(c, DoubleVector.fromArray(D, src, fresh ? 0 : r * n + jj - base))
                            .intoArray(w, r * n + jj - base);
                }
            }
        }
        for (; j < full; j += DL) {
            int r = r0;
            for (; r + 3 < r1; r += 4) {
                DoubleVector c0 = zero;
                DoubleVector c1 = zero;
                DoubleVector c2 = zero;
                DoubleVector c3 = zero;
                int g0 = r * batch;
                for (int b = 0; b < batch; b++) {
                    DoubleVector x = DoubleVector.fromArray(D, a, b * n + j);
                    c0 = DoubleVector.broadcast(D, gt[g0 + b]).fma(x, c0);
                    c1 = DoubleVector.broadcast(D, gt[g0 + batch + b]).fma(x, c1);
                    c2 = DoubleVector.broadcast(D, gt[g0 + 2 * batch + b]).fma(x, c2);
                    c3 = DoubleVector.broadcast(D, gt[g0 + 3 * batch + b]).fma(x, c3);
                }
                al.fma(c0, DoubleVector.fromArray(D, src, fresh ? 0 : r * n + j - base)).intoArray(w, r * n + j - base);
                al.fma(c1, DoubleVector.fromArray(D, src, fresh ? 0 : (r + 1) * n + j - base))
                        .intoArray(w, (r + 1) * n + j - base);
                al.fma(c2, DoubleVector.fromArray(D, src, fresh ? 0 : (r + 2) * n + j - base))
                        .intoArray(w, (r + 2) * n + j - base);
                al.fma(c3, DoubleVector.fromArray(D, src, fresh ? 0 : (r + 3) * n + j - base))
                        .intoArray(w, (r + 3) * n + j - base);
            }
            for (; r < r1; r++) {
                DoubleVector c = zero;
                for (int b = 0; b < batch; b++) {
                    c = DoubleVector.broadcast(D, gt[r * batch + b]).fma(DoubleVector.fromArray(D, a, b * n + j), c);
                }
                al.fma(c, DoubleVector.fromArray(D, src, fresh ? 0 : r * n + j - base)).intoArray(w, r * n + j - base);
            }
        }
        for (int r = r0; r < r1; r++) {
            for (int jt = full; jt < n; jt++) {
                double c = 0;
                for (int b = 0; b < batch; b++) {
                    c = Math.fma(gt[r * batch + b], a[b * n + jt], c);
                }
                w[r * n + jt - base] = Math.fma(alpha, c, fresh ? 0.0 : w[r * n + jt]);
            }
        }
    }

    /**
     * The inputs of {@link #forwardBatchT} (and of {@link VectorBatchFloatKernels}' one) are taken in chunks of this
     * many, so that a chunk stays in the L1 cache.
     */
    static final int CHUNK = 64;

    /** Zeros: the prior values of a fresh gradient ({@link #gradientBatch}), as many as a 4x4 tile's row needs. */
    private static final double[] DZEROS = new double[4 * DL];

    static void forwardBatchT(double[] at, int batch, int n, double[] w, double[] zt, int r0, int r1) {
        java.util.Arrays.fill(zt, r0 * batch, r1 * batch, 0.0);
        int fullB = D.loopBound(batch);
        for (int j0 = 0; j0 < n; j0 += CHUNK) {
            int j1 = Math.min(n, j0 + CHUNK);
            int r = r0;
            for (; r + 3 < r1; r += 4) {
                int b = 0;
                for (; b + 4 * DL <= fullB; b += 4 * DL) {
                    forwardT4x4(at, batch, n, w, zt, r, b, j0, j1);
                }
                for (; b + 2 * DL <= fullB; b += 2 * DL) {
                    forwardT4x2(at, batch, n, w, zt, r, b, j0, j1);
                }
                for (; b < fullB; b += DL) {
                    forwardT4x1(at, batch, n, w, zt, r, b, j0, j1);
                }
                for (; b < batch; b++) {
                    for (int q = r; q < r + 4; q++) {
                        forwardT0(at, batch, n, w, zt, q, b, j0, j1);
                    }
                }
            }
            for (; r < r1; r++) {
                int b = 0;
                for (; b < fullB; b += DL) {
                    forwardT1(at, batch, n, w, zt, r, b, j0, j1);
                }
                for (; b < batch; b++) {
                    forwardT0(at, batch, n, w, zt, r, b, j0, j1);
                }
            }
        }
    }

    /** Rows {@code r..r+3}, samples {@code b..b+4*DL-1}, inputs {@code j0 <= j < j1} of {@link #forwardBatchT}. */
    private static void forwardT4x4(double[] at, int batch, int n, double[] w, double[] zt, int r, int b, int j0, int j1) {
        int z0 = r * batch + b;
        int z1 = z0 + batch;
        int z2 = z1 + batch;
        int z3 = z2 + batch;
        DoubleVector c00 = DoubleVector.fromArray(D, zt, z0);
        DoubleVector c01 = DoubleVector.fromArray(D, zt, z0 + DL);
        DoubleVector c02 = DoubleVector.fromArray(D, zt, z0 + 2 * DL);
        DoubleVector c03 = DoubleVector.fromArray(D, zt, z0 + 3 * DL);
        DoubleVector c10 = DoubleVector.fromArray(D, zt, z1);
        DoubleVector c11 = DoubleVector.fromArray(D, zt, z1 + DL);
        DoubleVector c12 = DoubleVector.fromArray(D, zt, z1 + 2 * DL);
        DoubleVector c13 = DoubleVector.fromArray(D, zt, z1 + 3 * DL);
        DoubleVector c20 = DoubleVector.fromArray(D, zt, z2);
        DoubleVector c21 = DoubleVector.fromArray(D, zt, z2 + DL);
        DoubleVector c22 = DoubleVector.fromArray(D, zt, z2 + 2 * DL);
        DoubleVector c23 = DoubleVector.fromArray(D, zt, z2 + 3 * DL);
        DoubleVector c30 = DoubleVector.fromArray(D, zt, z3);
        DoubleVector c31 = DoubleVector.fromArray(D, zt, z3 + DL);
        DoubleVector c32 = DoubleVector.fromArray(D, zt, z3 + 2 * DL);
        DoubleVector c33 = DoubleVector.fromArray(D, zt, z3 + 3 * DL);
        int w0 = r * n;
        for (int j = j0; j < j1; j++) {
            int aj = j * batch + b;
            DoubleVector x0 = DoubleVector.fromArray(D, at, aj);
            DoubleVector x1 = DoubleVector.fromArray(D, at, aj + DL);
            DoubleVector x2 = DoubleVector.fromArray(D, at, aj + 2 * DL);
            DoubleVector x3 = DoubleVector.fromArray(D, at, aj + 3 * DL);
            DoubleVector g = DoubleVector.broadcast(D, w[w0 + j]);
            c00 = g.fma(x0, c00);
            c01 = g.fma(x1, c01);
            c02 = g.fma(x2, c02);
            c03 = g.fma(x3, c03);
            g = DoubleVector.broadcast(D, w[w0 + n + j]);
            c10 = g.fma(x0, c10);
            c11 = g.fma(x1, c11);
            c12 = g.fma(x2, c12);
            c13 = g.fma(x3, c13);
            g = DoubleVector.broadcast(D, w[w0 + 2 * n + j]);
            c20 = g.fma(x0, c20);
            c21 = g.fma(x1, c21);
            c22 = g.fma(x2, c22);
            c23 = g.fma(x3, c23);
            g = DoubleVector.broadcast(D, w[w0 + 3 * n + j]);
            c30 = g.fma(x0, c30);
            c31 = g.fma(x1, c31);
            c32 = g.fma(x2, c32);
            c33 = g.fma(x3, c33);
        }
        c00.intoArray(zt, z0);
        c01.intoArray(zt, z0 + DL);
        c02.intoArray(zt, z0 + 2 * DL);
        c03.intoArray(zt, z0 + 3 * DL);
        c10.intoArray(zt, z1);
        c11.intoArray(zt, z1 + DL);
        c12.intoArray(zt, z1 + 2 * DL);
        c13.intoArray(zt, z1 + 3 * DL);
        c20.intoArray(zt, z2);
        c21.intoArray(zt, z2 + DL);
        c22.intoArray(zt, z2 + 2 * DL);
        c23.intoArray(zt, z2 + 3 * DL);
        c30.intoArray(zt, z3);
        c31.intoArray(zt, z3 + DL);
        c32.intoArray(zt, z3 + 2 * DL);
        c33.intoArray(zt, z3 + 3 * DL);
    }

    /** Rows {@code r..r+3}, samples {@code b..b+2*DL-1}, inputs {@code j0 <= j < j1} of {@link #forwardBatchT}. */
    private static void forwardT4x2(double[] at, int batch, int n, double[] w, double[] zt, int r, int b, int j0, int j1) {
        int z0 = r * batch + b;
        int z1 = z0 + batch;
        int z2 = z1 + batch;
        int z3 = z2 + batch;
        DoubleVector c00 = DoubleVector.fromArray(D, zt, z0);
        DoubleVector c01 = DoubleVector.fromArray(D, zt, z0 + DL);
        DoubleVector c10 = DoubleVector.fromArray(D, zt, z1);
        DoubleVector c11 = DoubleVector.fromArray(D, zt, z1 + DL);
        DoubleVector c20 = DoubleVector.fromArray(D, zt, z2);
        DoubleVector c21 = DoubleVector.fromArray(D, zt, z2 + DL);
        DoubleVector c30 = DoubleVector.fromArray(D, zt, z3);
        DoubleVector c31 = DoubleVector.fromArray(D, zt, z3 + DL);
        int w0 = r * n;
        for (int j = j0; j < j1; j++) {
            int aj = j * batch + b;
            DoubleVector x0 = DoubleVector.fromArray(D, at, aj);
            DoubleVector x1 = DoubleVector.fromArray(D, at, aj + DL);
            DoubleVector g = DoubleVector.broadcast(D, w[w0 + j]);
            c00 = g.fma(x0, c00);
            c01 = g.fma(x1, c01);
            g = DoubleVector.broadcast(D, w[w0 + n + j]);
            c10 = g.fma(x0, c10);
            c11 = g.fma(x1, c11);
            g = DoubleVector.broadcast(D, w[w0 + 2 * n + j]);
            c20 = g.fma(x0, c20);
            c21 = g.fma(x1, c21);
            g = DoubleVector.broadcast(D, w[w0 + 3 * n + j]);
            c30 = g.fma(x0, c30);
            c31 = g.fma(x1, c31);
        }
        c00.intoArray(zt, z0);
        c01.intoArray(zt, z0 + DL);
        c10.intoArray(zt, z1);
        c11.intoArray(zt, z1 + DL);
        c20.intoArray(zt, z2);
        c21.intoArray(zt, z2 + DL);
        c30.intoArray(zt, z3);
        c31.intoArray(zt, z3 + DL);
    }

    /** Rows {@code r..r+3}, samples {@code b..b+DL-1}, inputs {@code j0 <= j < j1} of {@link #forwardBatchT}. */
    private static void forwardT4x1(double[] at, int batch, int n, double[] w, double[] zt, int r, int b, int j0, int j1) {
        int z0 = r * batch + b;
        DoubleVector c0 = DoubleVector.fromArray(D, zt, z0);
        DoubleVector c1 = DoubleVector.fromArray(D, zt, z0 + batch);
        DoubleVector c2 = DoubleVector.fromArray(D, zt, z0 + 2 * batch);
        DoubleVector c3 = DoubleVector.fromArray(D, zt, z0 + 3 * batch);
        int w0 = r * n;
        for (int j = j0; j < j1; j++) {
            DoubleVector x = DoubleVector.fromArray(D, at, j * batch + b);
            c0 = DoubleVector.broadcast(D, w[w0 + j]).fma(x, c0);
            c1 = DoubleVector.broadcast(D, w[w0 + n + j]).fma(x, c1);
            c2 = DoubleVector.broadcast(D, w[w0 + 2 * n + j]).fma(x, c2);
            c3 = DoubleVector.broadcast(D, w[w0 + 3 * n + j]).fma(x, c3);
        }
        c0.intoArray(zt, z0);
        c1.intoArray(zt, z0 + batch);
        c2.intoArray(zt, z0 + 2 * batch);
        c3.intoArray(zt, z0 + 3 * batch);
    }

    /** Row {@code r}, samples {@code b..b+DL-1}, inputs {@code j0 <= j < j1} of {@link #forwardBatchT}. */
    private static void forwardT1(double[] at, int batch, int n, double[] w, double[] zt, int r, int b, int j0, int j1) {
        int z = r * batch + b;
        DoubleVector c = DoubleVector.fromArray(D, zt, z);
        for (int j = j0; j < j1; j++) {
            c = DoubleVector.broadcast(D, w[r * n + j]).fma(DoubleVector.fromArray(D, at, j * batch + b), c);
        }
        c.intoArray(zt, z);
    }

    /** Row {@code r}, sample {@code b}, inputs {@code j0 <= j < j1} of {@link #forwardBatchT}. */
    private static void forwardT0(double[] at, int batch, int n, double[] w, double[] zt, int r, int b, int j0, int j1) {
        double s = zt[r * batch + b];
        for (int j = j0; j < j1; j++) {
            s = Math.fma(w[r * n + j], at[j * batch + b], s);
        }
        zt[r * batch + b] = s;
    }

    /** Rows {@code r..r+3}, columns {@code j..j+4*DL-1} of {@link #updateBatch}, each sum over the samples in order. */
    private static void update4x4(DoubleVector al, double[] gt, int batch, double[] a, int n, double[] w, int r, int j,
            boolean fresh, int base) {
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
        int g0 = r * batch;
        for (int b = 0; b < batch; b++) {
            int ab = b * n + j;
            DoubleVector x0 = DoubleVector.fromArray(D, a, ab);
            DoubleVector x1 = DoubleVector.fromArray(D, a, ab + DL);
            DoubleVector x2 = DoubleVector.fromArray(D, a, ab + 2 * DL);
            DoubleVector x3 = DoubleVector.fromArray(D, a, ab + 3 * DL);
            DoubleVector g = DoubleVector.broadcast(D, gt[g0 + b]);
            c00 = g.fma(x0, c00);
            c01 = g.fma(x1, c01);
            c02 = g.fma(x2, c02);
            c03 = g.fma(x3, c03);
            g = DoubleVector.broadcast(D, gt[g0 + batch + b]);
            c10 = g.fma(x0, c10);
            c11 = g.fma(x1, c11);
            c12 = g.fma(x2, c12);
            c13 = g.fma(x3, c13);
            g = DoubleVector.broadcast(D, gt[g0 + 2 * batch + b]);
            c20 = g.fma(x0, c20);
            c21 = g.fma(x1, c21);
            c22 = g.fma(x2, c22);
            c23 = g.fma(x3, c23);
            g = DoubleVector.broadcast(D, gt[g0 + 3 * batch + b]);
            c30 = g.fma(x0, c30);
            c31 = g.fma(x1, c31);
            c32 = g.fma(x2, c32);
            c33 = g.fma(x3, c33);
        }
        int o = r * n + j - base;
        // the prior values: w's, or zeros for a fresh gradient (no branch or call per vector: calls to small helpers
        // here are not always inlined by the JIT, and each one not inlined boxes its vectors)
        double[] src = fresh ? DZEROS : w;
        int p = fresh ? 0 : o;
        int ps = fresh ? 0 : n;
        al.fma(c00, DoubleVector.fromArray(D, src, p)).intoArray(w, o);
        al.fma(c01, DoubleVector.fromArray(D, src, p + DL)).intoArray(w, o + DL);
        al.fma(c02, DoubleVector.fromArray(D, src, p + 2 * DL)).intoArray(w, o + 2 * DL);
        al.fma(c03, DoubleVector.fromArray(D, src, p + 3 * DL)).intoArray(w, o + 3 * DL);
        o += n;
        p += ps;
        al.fma(c10, DoubleVector.fromArray(D, src, p)).intoArray(w, o);
        al.fma(c11, DoubleVector.fromArray(D, src, p + DL)).intoArray(w, o + DL);
        al.fma(c12, DoubleVector.fromArray(D, src, p + 2 * DL)).intoArray(w, o + 2 * DL);
        al.fma(c13, DoubleVector.fromArray(D, src, p + 3 * DL)).intoArray(w, o + 3 * DL);
        o += n;
        p += ps;
        al.fma(c20, DoubleVector.fromArray(D, src, p)).intoArray(w, o);
        al.fma(c21, DoubleVector.fromArray(D, src, p + DL)).intoArray(w, o + DL);
        al.fma(c22, DoubleVector.fromArray(D, src, p + 2 * DL)).intoArray(w, o + 2 * DL);
        al.fma(c23, DoubleVector.fromArray(D, src, p + 3 * DL)).intoArray(w, o + 3 * DL);
        o += n;
        p += ps;
        al.fma(c30, DoubleVector.fromArray(D, src, p)).intoArray(w, o);
        al.fma(c31, DoubleVector.fromArray(D, src, p + DL)).intoArray(w, o + DL);
        al.fma(c32, DoubleVector.fromArray(D, src, p + 2 * DL)).intoArray(w, o + 2 * DL);
        al.fma(c33, DoubleVector.fromArray(D, src, p + 3 * DL)).intoArray(w, o + 3 * DL);
    }

    static void backpropBatch(double[] v, int batch, int m, double[] w, int n, double[] e, int j0, int j1) {
        DoubleVector zero = DoubleVector.zero(D);
        int j = j0;
        // tiles of 4 samples x 4 vectors: 8 loads (4 of w, 4 broadcasts of v) feed 16 fused multiply-adds
        for (; j + 4 * DL <= j1; j += 4 * DL) {
            int b = 0;
            for (; b + 3 < batch; b += 4) {
                back4x4(v, b, m, w, n, e, j);
            }
            for (; b < batch; b++) {
                for (int jj = j; jj < j + 4 * DL; jj += DL) {
                    DoubleVector c = zero;
                    for (int r = 0; r < m; r++) {
                        c = DoubleVector.broadcast(D, v[b * m + r]).fma(DoubleVector.fromArray(D, w, r * n + jj), c);
                    }
                    c.intoArray(e, b * n + jj);
                }
            }
        }
        for (; j + DL <= j1; j += DL) {
            int b = 0;
            for (; b + 3 < batch; b += 4) {
                DoubleVector c0 = zero;
                DoubleVector c1 = zero;
                DoubleVector c2 = zero;
                DoubleVector c3 = zero;
                int v0 = b * m;
                for (int r = 0; r < m; r++) {
                    DoubleVector x = DoubleVector.fromArray(D, w, r * n + j);
                    c0 = DoubleVector.broadcast(D, v[v0 + r]).fma(x, c0);
                    c1 = DoubleVector.broadcast(D, v[v0 + m + r]).fma(x, c1);
                    c2 = DoubleVector.broadcast(D, v[v0 + 2 * m + r]).fma(x, c2);
                    c3 = DoubleVector.broadcast(D, v[v0 + 3 * m + r]).fma(x, c3);
                }
                c0.intoArray(e, b * n + j);
                c1.intoArray(e, (b + 1) * n + j);
                c2.intoArray(e, (b + 2) * n + j);
                c3.intoArray(e, (b + 3) * n + j);
            }
            for (; b < batch; b++) {
                DoubleVector c = zero;
                for (int r = 0; r < m; r++) {
                    c = DoubleVector.broadcast(D, v[b * m + r]).fma(DoubleVector.fromArray(D, w, r * n + j), c);
                }
                c.intoArray(e, b * n + j);
            }
        }
        for (; j < j1; j++) {
            for (int b = 0; b < batch; b++) {
                double c = 0;
                for (int r = 0; r < m; r++) {
                    c = Math.fma(v[b * m + r], w[r * n + j], c);
                }
                e[b * n + j] = c;
            }
        }
    }

    /** Samples {@code b..b+3}, columns {@code j..j+4*DL-1} of {@link #backpropBatch}, each sum over the rows in order. */
    private static void back4x4(double[] v, int b, int m, double[] w, int n, double[] e, int j) {
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
        int v0 = b * m;
        for (int r = 0; r < m; r++) {
            int wr = r * n + j;
            DoubleVector x0 = DoubleVector.fromArray(D, w, wr);
            DoubleVector x1 = DoubleVector.fromArray(D, w, wr + DL);
            DoubleVector x2 = DoubleVector.fromArray(D, w, wr + 2 * DL);
            DoubleVector x3 = DoubleVector.fromArray(D, w, wr + 3 * DL);
            DoubleVector g = DoubleVector.broadcast(D, v[v0 + r]);
            c00 = g.fma(x0, c00);
            c01 = g.fma(x1, c01);
            c02 = g.fma(x2, c02);
            c03 = g.fma(x3, c03);
            g = DoubleVector.broadcast(D, v[v0 + m + r]);
            c10 = g.fma(x0, c10);
            c11 = g.fma(x1, c11);
            c12 = g.fma(x2, c12);
            c13 = g.fma(x3, c13);
            g = DoubleVector.broadcast(D, v[v0 + 2 * m + r]);
            c20 = g.fma(x0, c20);
            c21 = g.fma(x1, c21);
            c22 = g.fma(x2, c22);
            c23 = g.fma(x3, c23);
            g = DoubleVector.broadcast(D, v[v0 + 3 * m + r]);
            c30 = g.fma(x0, c30);
            c31 = g.fma(x1, c31);
            c32 = g.fma(x2, c32);
            c33 = g.fma(x3, c33);
        }
        int o = b * n + j;
        c00.intoArray(e, o);
        c01.intoArray(e, o + DL);
        c02.intoArray(e, o + 2 * DL);
        c03.intoArray(e, o + 3 * DL);
        o += n;
        c10.intoArray(e, o);
        c11.intoArray(e, o + DL);
        c12.intoArray(e, o + 2 * DL);
        c13.intoArray(e, o + 3 * DL);
        o += n;
        c20.intoArray(e, o);
        c21.intoArray(e, o + DL);
        c22.intoArray(e, o + 2 * DL);
        c23.intoArray(e, o + 3 * DL);
        o += n;
        c30.intoArray(e, o);
        c31.intoArray(e, o + DL);
        c32.intoArray(e, o + 2 * DL);
        c33.intoArray(e, o + 3 * DL);
    }
}
