package org.mynn.core.kernel;

import static org.mynn.core.kernel.Kernels.EXP_LN2_HI;
import static org.mynn.core.kernel.Kernels.EXP_LN2_LO;
import static org.mynn.core.kernel.Kernels.EXP_LOG2E;
import static org.mynn.core.kernel.Kernels.EXP_MAX;
import static org.mynn.core.kernel.Kernels.EXP_MIN;
import static org.mynn.core.kernel.Kernels.EXP_POLY;
import static org.mynn.core.kernel.Kernels.EXP_ROUND;
import static org.mynn.core.kernel.VectorBatchKernels.CHUNK;
import static org.mynn.core.kernel.VectorLanes.F;
import static org.mynn.core.kernel.VectorLanes.FL;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The vector kernels of the float mini-batch engine: {@link VectorBatchKernels}' loops in float ({@code forwardBatchT},
 * {@code updateBatch}, {@code gradientBatch}, {@code backpropBatch}, each {@link ScalarKernels}' bit for bit), and
 * {@code exp}, the sigmoid's exponential: {@link Kernels#exp}'s Cephes expf in vector lanes, with
 * {@link ScalarKernels}' loop for the elements past the last full vector.
 *
 * <p>Static methods, called by {@link VectorKernels} (a final class, so the JIT compiler inlines the call).
 */
final class VectorBatchFloatKernels {

    /** The plain loop of {@code exp}, for the tail that fills no vector. */
    private static final ScalarKernels SCALAR = new ScalarKernels();

    /** Zeros: the prior values of a fresh gradient ({@link #gradientBatch}), as many as a 4x4 tile's row needs. */
    private static final float[] FZEROS = new float[4 * FL];

    private VectorBatchFloatKernels() {
    }

    static void exp(float[] x, int off, int n) {
        int i = off;
        int bias = Float.floatToRawIntBits(EXP_ROUND) - 127;
        for (; i + FL <= off + n; i += FL) {
            FloatVector v = FloatVector.fromArray(F, x, i).max(EXP_MIN).min(EXP_MAX);
            FloatVector t = v.fma(EXP_LOG2E, EXP_ROUND);
            FloatVector k = t.sub(EXP_ROUND);
            FloatVector r = k.fma(FloatVector.broadcast(F, -EXP_LN2_HI), v);
            r = k.fma(FloatVector.broadcast(F, -EXP_LN2_LO), r);
            FloatVector p = FloatVector.broadcast(F, EXP_POLY[0]);
            for (int c = 1; c < EXP_POLY.length; c++) {
                p = p.fma(r, FloatVector.broadcast(F, EXP_POLY[c]));
            }
            FloatVector y = p.fma(r.mul(r), r).add(1f);
            FloatVector scale = ((IntVector) t.reinterpretAsInts()).sub(bias).lanewise(VectorOperators.LSHL, 23)
                    .reinterpretAsFloats();
            y.mul(scale).intoArray(x, i);
        }
        if (i < off + n) {
            SCALAR.exp(x, i, off + n - i);
        }
    }

    static void updateBatch(float alpha, float[] gt, int batch, float[] a, int n, float[] w, int r0, int r1) {
        updateBatch(alpha, gt, batch, a, n, w, r0, r1, false);
    }

    static void gradientBatch(float alpha, float[] gt, int batch, float[] a, int n, float[] g, int r0, int r1) {
        updateBatch(alpha, gt, batch, a, n, g, r0, r1, true);
    }

    /**
     * {@link #updateBatch}, or with {@code fresh} {@link #gradientBatch}: each sum is added to a zero vector instead of
     * {@code w}'s (the same bits as on rows of zeros, signed zeros too) and row {@code r} goes to {@code r - r0}.
     */
    private static void updateBatch(float alpha, float[] gt, int batch, float[] a, int n, float[] w, int r0, int r1,
            boolean fresh) {
        int base = fresh ? r0 * n : 0;
        // the prior values: w's, or zeros for a fresh gradient (as in update4x4)
        float[] src = fresh ? FZEROS : w;
        FloatVector al = FloatVector.broadcast(F, alpha);
        FloatVector zero = FloatVector.zero(F);
        int full = F.loopBound(n);
        int j = 0;
        // tiles of 4 rows x 4 vectors: 8 loads (4 of a, 4 broadcasts of gt) feed 16 fused multiply-adds
        for (; j + 4 * FL <= full; j += 4 * FL) {
            int r = r0;
            for (; r + 3 < r1; r += 4) {
                update4x4(al, gt, batch, a, n, w, r, j, fresh, base);
            }
            for (; r < r1; r++) {
                for (int jj = j; jj < j + 4 * FL; jj += FL) {
                    FloatVector c = zero;
                    for (int b = 0; b < batch; b++) {
                        c = FloatVector.broadcast(F, gt[r * batch + b]).fma(FloatVector.fromArray(F, a, b * n + jj), c);
                    }
                    al.fma(c, FloatVector.fromArray(F, src, fresh ? 0 : r * n + jj - base))
                            .intoArray(w, r * n + jj - base);
                }
            }
        }
        for (; j < full; j += FL) {
            int r = r0;
            for (; r + 3 < r1; r += 4) {
                FloatVector c0 = zero;
                FloatVector c1 = zero;
                FloatVector c2 = zero;
                FloatVector c3 = zero;
                int g0 = r * batch;
                for (int b = 0; b < batch; b++) {
                    FloatVector x = FloatVector.fromArray(F, a, b * n + j);
                    c0 = FloatVector.broadcast(F, gt[g0 + b]).fma(x, c0);
                    c1 = FloatVector.broadcast(F, gt[g0 + batch + b]).fma(x, c1);
                    c2 = FloatVector.broadcast(F, gt[g0 + 2 * batch + b]).fma(x, c2);
                    c3 = FloatVector.broadcast(F, gt[g0 + 3 * batch + b]).fma(x, c3);
                }
                al.fma(c0, FloatVector.fromArray(F, src, fresh ? 0 : r * n + j - base)).intoArray(w, r * n + j - base);
                al.fma(c1, FloatVector.fromArray(F, src, fresh ? 0 : (r + 1) * n + j - base))
                        .intoArray(w, (r + 1) * n + j - base);
                al.fma(c2, FloatVector.fromArray(F, src, fresh ? 0 : (r + 2) * n + j - base))
                        .intoArray(w, (r + 2) * n + j - base);
                al.fma(c3, FloatVector.fromArray(F, src, fresh ? 0 : (r + 3) * n + j - base))
                        .intoArray(w, (r + 3) * n + j - base);
            }
            for (; r < r1; r++) {
                FloatVector c = zero;
                for (int b = 0; b < batch; b++) {
                    c = FloatVector.broadcast(F, gt[r * batch + b]).fma(FloatVector.fromArray(F, a, b * n + j), c);
                }
                al.fma(c, FloatVector.fromArray(F, src, fresh ? 0 : r * n + j - base)).intoArray(w, r * n + j - base);
            }
        }
        for (int r = r0; r < r1; r++) {
            for (int jt = full; jt < n; jt++) {
                float c = 0;
                for (int b = 0; b < batch; b++) {
                    c = Math.fma(gt[r * batch + b], a[b * n + jt], c);
                }
                w[r * n + jt - base] = Math.fma(alpha, c, fresh ? 0f : w[r * n + jt]);
            }
        }
    }


    static void forwardBatchT(float[] at, int batch, int n, float[] w, float[] zt, int r0, int r1) {
        java.util.Arrays.fill(zt, r0 * batch, r1 * batch, 0f);
        int fullB = F.loopBound(batch);
        for (int j0 = 0; j0 < n; j0 += CHUNK) {
            int j1 = Math.min(n, j0 + CHUNK);
            int r = r0;
            for (; r + 3 < r1; r += 4) {
                int b = 0;
                for (; b + 4 * FL <= fullB; b += 4 * FL) {
                    forwardT4x4(at, batch, n, w, zt, r, b, j0, j1);
                }
                for (; b + 2 * FL <= fullB; b += 2 * FL) {
                    forwardT4x2(at, batch, n, w, zt, r, b, j0, j1);
                }
                for (; b < fullB; b += FL) {
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
                for (; b < fullB; b += FL) {
                    forwardT1(at, batch, n, w, zt, r, b, j0, j1);
                }
                for (; b < batch; b++) {
                    forwardT0(at, batch, n, w, zt, r, b, j0, j1);
                }
            }
        }
    }

    /** Rows {@code r..r+3}, samples {@code b..b+4*FL-1}, inputs {@code j0 <= j < j1} of {@link #forwardBatchT}. */
    private static void forwardT4x4(float[] at, int batch, int n, float[] w, float[] zt, int r, int b, int j0, int j1) {
        int z0 = r * batch + b;
        int z1 = z0 + batch;
        int z2 = z1 + batch;
        int z3 = z2 + batch;
        FloatVector c00 = FloatVector.fromArray(F, zt, z0);
        FloatVector c01 = FloatVector.fromArray(F, zt, z0 + FL);
        FloatVector c02 = FloatVector.fromArray(F, zt, z0 + 2 * FL);
        FloatVector c03 = FloatVector.fromArray(F, zt, z0 + 3 * FL);
        FloatVector c10 = FloatVector.fromArray(F, zt, z1);
        FloatVector c11 = FloatVector.fromArray(F, zt, z1 + FL);
        FloatVector c12 = FloatVector.fromArray(F, zt, z1 + 2 * FL);
        FloatVector c13 = FloatVector.fromArray(F, zt, z1 + 3 * FL);
        FloatVector c20 = FloatVector.fromArray(F, zt, z2);
        FloatVector c21 = FloatVector.fromArray(F, zt, z2 + FL);
        FloatVector c22 = FloatVector.fromArray(F, zt, z2 + 2 * FL);
        FloatVector c23 = FloatVector.fromArray(F, zt, z2 + 3 * FL);
        FloatVector c30 = FloatVector.fromArray(F, zt, z3);
        FloatVector c31 = FloatVector.fromArray(F, zt, z3 + FL);
        FloatVector c32 = FloatVector.fromArray(F, zt, z3 + 2 * FL);
        FloatVector c33 = FloatVector.fromArray(F, zt, z3 + 3 * FL);
        int w0 = r * n;
        for (int j = j0; j < j1; j++) {
            int aj = j * batch + b;
            FloatVector x0 = FloatVector.fromArray(F, at, aj);
            FloatVector x1 = FloatVector.fromArray(F, at, aj + FL);
            FloatVector x2 = FloatVector.fromArray(F, at, aj + 2 * FL);
            FloatVector x3 = FloatVector.fromArray(F, at, aj + 3 * FL);
            FloatVector g = FloatVector.broadcast(F, w[w0 + j]);
            c00 = g.fma(x0, c00);
            c01 = g.fma(x1, c01);
            c02 = g.fma(x2, c02);
            c03 = g.fma(x3, c03);
            g = FloatVector.broadcast(F, w[w0 + n + j]);
            c10 = g.fma(x0, c10);
            c11 = g.fma(x1, c11);
            c12 = g.fma(x2, c12);
            c13 = g.fma(x3, c13);
            g = FloatVector.broadcast(F, w[w0 + 2 * n + j]);
            c20 = g.fma(x0, c20);
            c21 = g.fma(x1, c21);
            c22 = g.fma(x2, c22);
            c23 = g.fma(x3, c23);
            g = FloatVector.broadcast(F, w[w0 + 3 * n + j]);
            c30 = g.fma(x0, c30);
            c31 = g.fma(x1, c31);
            c32 = g.fma(x2, c32);
            c33 = g.fma(x3, c33);
        }
        c00.intoArray(zt, z0);
        c01.intoArray(zt, z0 + FL);
        c02.intoArray(zt, z0 + 2 * FL);
        c03.intoArray(zt, z0 + 3 * FL);
        c10.intoArray(zt, z1);
        c11.intoArray(zt, z1 + FL);
        c12.intoArray(zt, z1 + 2 * FL);
        c13.intoArray(zt, z1 + 3 * FL);
        c20.intoArray(zt, z2);
        c21.intoArray(zt, z2 + FL);
        c22.intoArray(zt, z2 + 2 * FL);
        c23.intoArray(zt, z2 + 3 * FL);
        c30.intoArray(zt, z3);
        c31.intoArray(zt, z3 + FL);
        c32.intoArray(zt, z3 + 2 * FL);
        c33.intoArray(zt, z3 + 3 * FL);
    }

    /** Rows {@code r..r+3}, samples {@code b..b+2*FL-1}, inputs {@code j0 <= j < j1} of {@link #forwardBatchT}. */
    private static void forwardT4x2(float[] at, int batch, int n, float[] w, float[] zt, int r, int b, int j0, int j1) {
        int z0 = r * batch + b;
        int z1 = z0 + batch;
        int z2 = z1 + batch;
        int z3 = z2 + batch;
        FloatVector c00 = FloatVector.fromArray(F, zt, z0);
        FloatVector c01 = FloatVector.fromArray(F, zt, z0 + FL);
        FloatVector c10 = FloatVector.fromArray(F, zt, z1);
        FloatVector c11 = FloatVector.fromArray(F, zt, z1 + FL);
        FloatVector c20 = FloatVector.fromArray(F, zt, z2);
        FloatVector c21 = FloatVector.fromArray(F, zt, z2 + FL);
        FloatVector c30 = FloatVector.fromArray(F, zt, z3);
        FloatVector c31 = FloatVector.fromArray(F, zt, z3 + FL);
        int w0 = r * n;
        for (int j = j0; j < j1; j++) {
            int aj = j * batch + b;
            FloatVector x0 = FloatVector.fromArray(F, at, aj);
            FloatVector x1 = FloatVector.fromArray(F, at, aj + FL);
            FloatVector g = FloatVector.broadcast(F, w[w0 + j]);
            c00 = g.fma(x0, c00);
            c01 = g.fma(x1, c01);
            g = FloatVector.broadcast(F, w[w0 + n + j]);
            c10 = g.fma(x0, c10);
            c11 = g.fma(x1, c11);
            g = FloatVector.broadcast(F, w[w0 + 2 * n + j]);
            c20 = g.fma(x0, c20);
            c21 = g.fma(x1, c21);
            g = FloatVector.broadcast(F, w[w0 + 3 * n + j]);
            c30 = g.fma(x0, c30);
            c31 = g.fma(x1, c31);
        }
        c00.intoArray(zt, z0);
        c01.intoArray(zt, z0 + FL);
        c10.intoArray(zt, z1);
        c11.intoArray(zt, z1 + FL);
        c20.intoArray(zt, z2);
        c21.intoArray(zt, z2 + FL);
        c30.intoArray(zt, z3);
        c31.intoArray(zt, z3 + FL);
    }

    /** Rows {@code r..r+3}, samples {@code b..b+FL-1}, inputs {@code j0 <= j < j1} of {@link #forwardBatchT}. */
    private static void forwardT4x1(float[] at, int batch, int n, float[] w, float[] zt, int r, int b, int j0, int j1) {
        int z0 = r * batch + b;
        FloatVector c0 = FloatVector.fromArray(F, zt, z0);
        FloatVector c1 = FloatVector.fromArray(F, zt, z0 + batch);
        FloatVector c2 = FloatVector.fromArray(F, zt, z0 + 2 * batch);
        FloatVector c3 = FloatVector.fromArray(F, zt, z0 + 3 * batch);
        int w0 = r * n;
        for (int j = j0; j < j1; j++) {
            FloatVector x = FloatVector.fromArray(F, at, j * batch + b);
            c0 = FloatVector.broadcast(F, w[w0 + j]).fma(x, c0);
            c1 = FloatVector.broadcast(F, w[w0 + n + j]).fma(x, c1);
            c2 = FloatVector.broadcast(F, w[w0 + 2 * n + j]).fma(x, c2);
            c3 = FloatVector.broadcast(F, w[w0 + 3 * n + j]).fma(x, c3);
        }
        c0.intoArray(zt, z0);
        c1.intoArray(zt, z0 + batch);
        c2.intoArray(zt, z0 + 2 * batch);
        c3.intoArray(zt, z0 + 3 * batch);
    }

    /** Row {@code r}, samples {@code b..b+FL-1}, inputs {@code j0 <= j < j1} of {@link #forwardBatchT}. */
    private static void forwardT1(float[] at, int batch, int n, float[] w, float[] zt, int r, int b, int j0, int j1) {
        int z = r * batch + b;
        FloatVector c = FloatVector.fromArray(F, zt, z);
        for (int j = j0; j < j1; j++) {
            c = FloatVector.broadcast(F, w[r * n + j]).fma(FloatVector.fromArray(F, at, j * batch + b), c);
        }
        c.intoArray(zt, z);
    }

    /** Row {@code r}, sample {@code b}, inputs {@code j0 <= j < j1} of {@link #forwardBatchT}. */
    private static void forwardT0(float[] at, int batch, int n, float[] w, float[] zt, int r, int b, int j0, int j1) {
        float s = zt[r * batch + b];
        for (int j = j0; j < j1; j++) {
            s = Math.fma(w[r * n + j], at[j * batch + b], s);
        }
        zt[r * batch + b] = s;
    }

    /** Rows {@code r..r+3}, columns {@code j..j+4*FL-1} of {@link #updateBatch}, each sum over the samples in order. */
    private static void update4x4(FloatVector al, float[] gt, int batch, float[] a, int n, float[] w, int r, int j,
            boolean fresh, int base) {
        FloatVector c00 = FloatVector.zero(F);
        FloatVector c01 = c00;
        FloatVector c02 = c00;
        FloatVector c03 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c12 = c00;
        FloatVector c13 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c22 = c00;
        FloatVector c23 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c32 = c00;
        FloatVector c33 = c00;
        int g0 = r * batch;
        for (int b = 0; b < batch; b++) {
            int ab = b * n + j;
            FloatVector x0 = FloatVector.fromArray(F, a, ab);
            FloatVector x1 = FloatVector.fromArray(F, a, ab + FL);
            FloatVector x2 = FloatVector.fromArray(F, a, ab + 2 * FL);
            FloatVector x3 = FloatVector.fromArray(F, a, ab + 3 * FL);
            FloatVector g = FloatVector.broadcast(F, gt[g0 + b]);
            c00 = g.fma(x0, c00);
            c01 = g.fma(x1, c01);
            c02 = g.fma(x2, c02);
            c03 = g.fma(x3, c03);
            g = FloatVector.broadcast(F, gt[g0 + batch + b]);
            c10 = g.fma(x0, c10);
            c11 = g.fma(x1, c11);
            c12 = g.fma(x2, c12);
            c13 = g.fma(x3, c13);
            g = FloatVector.broadcast(F, gt[g0 + 2 * batch + b]);
            c20 = g.fma(x0, c20);
            c21 = g.fma(x1, c21);
            c22 = g.fma(x2, c22);
            c23 = g.fma(x3, c23);
            g = FloatVector.broadcast(F, gt[g0 + 3 * batch + b]);
            c30 = g.fma(x0, c30);
            c31 = g.fma(x1, c31);
            c32 = g.fma(x2, c32);
            c33 = g.fma(x3, c33);
        }
        int o = r * n + j - base;
        // the prior values: w's, or zeros for a fresh gradient (no branch or call per vector: calls to small helpers
        // here are not always inlined by the JIT, and each one not inlined boxes its vectors)
        float[] src = fresh ? FZEROS : w;
        int p = fresh ? 0 : o;
        int ps = fresh ? 0 : n;
        al.fma(c00, FloatVector.fromArray(F, src, p)).intoArray(w, o);
        al.fma(c01, FloatVector.fromArray(F, src, p + FL)).intoArray(w, o + FL);
        al.fma(c02, FloatVector.fromArray(F, src, p + 2 * FL)).intoArray(w, o + 2 * FL);
        al.fma(c03, FloatVector.fromArray(F, src, p + 3 * FL)).intoArray(w, o + 3 * FL);
        o += n;
        p += ps;
        al.fma(c10, FloatVector.fromArray(F, src, p)).intoArray(w, o);
        al.fma(c11, FloatVector.fromArray(F, src, p + FL)).intoArray(w, o + FL);
        al.fma(c12, FloatVector.fromArray(F, src, p + 2 * FL)).intoArray(w, o + 2 * FL);
        al.fma(c13, FloatVector.fromArray(F, src, p + 3 * FL)).intoArray(w, o + 3 * FL);
        o += n;
        p += ps;
        al.fma(c20, FloatVector.fromArray(F, src, p)).intoArray(w, o);
        al.fma(c21, FloatVector.fromArray(F, src, p + FL)).intoArray(w, o + FL);
        al.fma(c22, FloatVector.fromArray(F, src, p + 2 * FL)).intoArray(w, o + 2 * FL);
        al.fma(c23, FloatVector.fromArray(F, src, p + 3 * FL)).intoArray(w, o + 3 * FL);
        o += n;
        p += ps;
        al.fma(c30, FloatVector.fromArray(F, src, p)).intoArray(w, o);
        al.fma(c31, FloatVector.fromArray(F, src, p + FL)).intoArray(w, o + FL);
        al.fma(c32, FloatVector.fromArray(F, src, p + 2 * FL)).intoArray(w, o + 2 * FL);
        al.fma(c33, FloatVector.fromArray(F, src, p + 3 * FL)).intoArray(w, o + 3 * FL);
    }

    static void backpropBatch(float[] v, int batch, int m, float[] w, int n, float[] e, int j0, int j1) {
        FloatVector zero = FloatVector.zero(F);
        int j = j0;
        // tiles of 4 samples x 4 vectors: 8 loads (4 of w, 4 broadcasts of v) feed 16 fused multiply-adds
        for (; j + 4 * FL <= j1; j += 4 * FL) {
            int b = 0;
            for (; b + 3 < batch; b += 4) {
                back4x4(v, b, m, w, n, e, j);
            }
            for (; b < batch; b++) {
                for (int jj = j; jj < j + 4 * FL; jj += FL) {
                    FloatVector c = zero;
                    for (int r = 0; r < m; r++) {
                        c = FloatVector.broadcast(F, v[b * m + r]).fma(FloatVector.fromArray(F, w, r * n + jj), c);
                    }
                    c.intoArray(e, b * n + jj);
                }
            }
        }
        for (; j + FL <= j1; j += FL) {
            int b = 0;
            for (; b + 3 < batch; b += 4) {
                FloatVector c0 = zero;
                FloatVector c1 = zero;
                FloatVector c2 = zero;
                FloatVector c3 = zero;
                int v0 = b * m;
                for (int r = 0; r < m; r++) {
                    FloatVector x = FloatVector.fromArray(F, w, r * n + j);
                    c0 = FloatVector.broadcast(F, v[v0 + r]).fma(x, c0);
                    c1 = FloatVector.broadcast(F, v[v0 + m + r]).fma(x, c1);
                    c2 = FloatVector.broadcast(F, v[v0 + 2 * m + r]).fma(x, c2);
                    c3 = FloatVector.broadcast(F, v[v0 + 3 * m + r]).fma(x, c3);
                }
                c0.intoArray(e, b * n + j);
                c1.intoArray(e, (b + 1) * n + j);
                c2.intoArray(e, (b + 2) * n + j);
                c3.intoArray(e, (b + 3) * n + j);
            }
            for (; b < batch; b++) {
                FloatVector c = zero;
                for (int r = 0; r < m; r++) {
                    c = FloatVector.broadcast(F, v[b * m + r]).fma(FloatVector.fromArray(F, w, r * n + j), c);
                }
                c.intoArray(e, b * n + j);
            }
        }
        for (; j < j1; j++) {
            for (int b = 0; b < batch; b++) {
                float c = 0;
                for (int r = 0; r < m; r++) {
                    c = Math.fma(v[b * m + r], w[r * n + j], c);
                }
                e[b * n + j] = c;
            }
        }
    }

    /** Samples {@code b..b+3}, columns {@code j..j+4*FL-1} of {@link #backpropBatch}, each sum over the rows in order. */
    private static void back4x4(float[] v, int b, int m, float[] w, int n, float[] e, int j) {
        FloatVector c00 = FloatVector.zero(F);
        FloatVector c01 = c00;
        FloatVector c02 = c00;
        FloatVector c03 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c12 = c00;
        FloatVector c13 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c22 = c00;
        FloatVector c23 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c32 = c00;
        FloatVector c33 = c00;
        int v0 = b * m;
        for (int r = 0; r < m; r++) {
            int wr = r * n + j;
            FloatVector x0 = FloatVector.fromArray(F, w, wr);
            FloatVector x1 = FloatVector.fromArray(F, w, wr + FL);
            FloatVector x2 = FloatVector.fromArray(F, w, wr + 2 * FL);
            FloatVector x3 = FloatVector.fromArray(F, w, wr + 3 * FL);
            FloatVector g = FloatVector.broadcast(F, v[v0 + r]);
            c00 = g.fma(x0, c00);
            c01 = g.fma(x1, c01);
            c02 = g.fma(x2, c02);
            c03 = g.fma(x3, c03);
            g = FloatVector.broadcast(F, v[v0 + m + r]);
            c10 = g.fma(x0, c10);
            c11 = g.fma(x1, c11);
            c12 = g.fma(x2, c12);
            c13 = g.fma(x3, c13);
            g = FloatVector.broadcast(F, v[v0 + 2 * m + r]);
            c20 = g.fma(x0, c20);
            c21 = g.fma(x1, c21);
            c22 = g.fma(x2, c22);
            c23 = g.fma(x3, c23);
            g = FloatVector.broadcast(F, v[v0 + 3 * m + r]);
            c30 = g.fma(x0, c30);
            c31 = g.fma(x1, c31);
            c32 = g.fma(x2, c32);
            c33 = g.fma(x3, c33);
        }
        int o = b * n + j;
        c00.intoArray(e, o);
        c01.intoArray(e, o + FL);
        c02.intoArray(e, o + 2 * FL);
        c03.intoArray(e, o + 3 * FL);
        o += n;
        c10.intoArray(e, o);
        c11.intoArray(e, o + FL);
        c12.intoArray(e, o + 2 * FL);
        c13.intoArray(e, o + 3 * FL);
        o += n;
        c20.intoArray(e, o);
        c21.intoArray(e, o + FL);
        c22.intoArray(e, o + 2 * FL);
        c23.intoArray(e, o + 3 * FL);
        o += n;
        c30.intoArray(e, o);
        c31.intoArray(e, o + FL);
        c32.intoArray(e, o + 2 * FL);
        c33.intoArray(e, o + 3 * FL);
    }
}
