package org.mynn.core.kernel;

import static org.mynn.core.kernel.VectorLanes.F;
import static org.mynn.core.kernel.VectorLanes.FL;

import jdk.incubator.vector.FloatVector;

/**
 * The fused optimizer step of float mini-batch training ({@link Kernels#stepBatch}): tiles of 4 rows by 4 vectors of
 * sums over the samples, made as {@link VectorBatchFloatKernels}' {@code gradientBatch} makes them (each sum along
 * one lane, in order, fused multiply-adds; then {@code fma(alpha, c, 0)}), and on each tile at once the optimizer's
 * step, {@link FloatStep#apply} lane by lane, reading and writing the weights and their state in place. A tile's 16
 * vectors of directions pass through a block of 1 KB (in the L1 cache) between the sums and the step, as registers
 * spilled would; no gradient row goes to memory and back. Columns past the last full vector take the scalar loop, so
 * the result is {@link ScalarKernels}' bit for bit on every width.
 *
 * <p>Static methods, called by {@link VectorKernels}.
 */
final class VectorStepFloatKernels {

    private VectorStepFloatKernels() {
    }

    static void stepBatch(FloatStep s, float alpha, float[] gt, int batch, float[] a, int n, float[] w, float[] s0,
            float[] s1, int r0, int r1) {
        float[] tile = new float[16 * FL];
        FloatVector al = FloatVector.broadcast(F, alpha);
        int full = F.loopBound(n);
        int j = 0;
        for (; j + 4 * FL <= full; j += 4 * FL) {
            int r = r0;
            for (; r + 3 < r1; r += 4) {
                sums4x4(al, gt, batch, a, n, r, j, tile);
                for (int q = 0; q < 4; q++) {
                    apply(s, tile, q * 4 * FL, w, s0, s1, (r + q) * n + j, 4 * FL);
                }
            }
            for (; r < r1; r++) {
                for (int v = 0; v < 4; v++) {
                    sums1(al, gt, batch, a, n, r, j + v * FL, tile, v * FL);
                }
                apply(s, tile, 0, w, s0, s1, r * n + j, 4 * FL);
            }
        }
        for (; j < full; j += FL) {
            int r = r0;
            for (; r + 3 < r1; r += 4) {
                sums4x1(al, gt, batch, a, n, r, j, tile);
                for (int q = 0; q < 4; q++) {
                    apply(s, tile, q * FL, w, s0, s1, (r + q) * n + j, FL);
                }
            }
            for (; r < r1; r++) {
                sums1(al, gt, batch, a, n, r, j, tile, 0);
                apply(s, tile, 0, w, s0, s1, r * n + j, FL);
            }
        }
        for (int r = r0; r < r1; r++) {
            for (int jt = full; jt < n; jt++) {
                float c = 0;
                for (int b = 0; b < batch; b++) {
                    c = Math.fma(gt[r * batch + b], a[b * n + jt], c);
                }
                int i = r * n + jt;
                w[i] = s.apply(w[i], Math.fma(alpha, c, 0f), s0, s1, i);
            }
        }
    }

    /**
     * The step of {@code len} (a multiple of the vector's lanes) weights from {@code w[o]} with the directions from
     * {@code g[go]}: {@link FloatStep#apply}'s float operations, in its order, lane by lane.
     */
    private static void apply(FloatStep s, float[] g, int go, float[] w, float[] s0, float[] s1, int o, int len) {
        FloatVector lr = FloatVector.broadcast(F, s.lr);
        switch (s.kind) {
            case SGD:
                for (int k = 0; k < len; k += FL) {
                    FloatVector d = FloatVector.fromArray(F, g, go + k);
                    d.fma(lr, FloatVector.fromArray(F, w, o + k)).intoArray(w, o + k);
                }
                break;
            case MOMENTUM: {
                FloatVector mu = FloatVector.broadcast(F, s.mu);
                for (int k = 0; k < len; k += FL) {
                    FloatVector d = FloatVector.fromArray(F, g, go + k);
                    FloatVector v = mu.mul(FloatVector.fromArray(F, s0, o + k)).add(lr.mul(d));
                    v.intoArray(s0, o + k);
                    v.add(FloatVector.fromArray(F, w, o + k)).intoArray(w, o + k);
                }
                break;
            }
            case NESTEROV: {
                FloatVector mu = FloatVector.broadcast(F, s.mu);
                for (int k = 0; k < len; k += FL) {
                    FloatVector d = lr.mul(FloatVector.fromArray(F, g, go + k));
                    FloatVector v = mu.mul(FloatVector.fromArray(F, s0, o + k)).add(d);
                    v.intoArray(s0, o + k);
                    mu.mul(v).add(d).add(FloatVector.fromArray(F, w, o + k)).intoArray(w, o + k);
                }
                break;
            }
            default: {
                FloatVector b1 = FloatVector.broadcast(F, s.b1);
                FloatVector ob1 = FloatVector.broadcast(F, s.ob1);
                FloatVector b2 = FloatVector.broadcast(F, s.b2);
                FloatVector ob2 = FloatVector.broadcast(F, s.ob2);
                FloatVector eps = FloatVector.broadcast(F, s.eps);
                FloatVector c1 = FloatVector.broadcast(F, s.c1);
                FloatVector c2 = FloatVector.broadcast(F, s.c2);
                for (int k = 0; k < len; k += FL) {
                    FloatVector d = FloatVector.fromArray(F, g, go + k);
                    FloatVector m = b1.mul(FloatVector.fromArray(F, s0, o + k)).add(ob1.mul(d));
                    FloatVector v = b2.mul(FloatVector.fromArray(F, s1, o + k)).add(ob2.mul(d).mul(d));
                    m.intoArray(s0, o + k);
                    v.intoArray(s1, o + k);
                    lr.mul(m.div(c1)).div(v.div(c2).sqrt().add(eps)).add(FloatVector.fromArray(F, w, o + k))
                            .intoArray(w, o + k);
                }
            }
        }
    }

    /** The directions of rows {@code r..r+3}, columns {@code j..j+4*FL-1}, into {@code tile} row after row. */
    private static void sums4x4(FloatVector al, float[] gt, int batch, float[] a, int n, int r, int j, float[] tile) {
        FloatVector zero = FloatVector.zero(F);
        FloatVector c00 = zero;
        FloatVector c01 = zero;
        FloatVector c02 = zero;
        FloatVector c03 = zero;
        FloatVector c10 = zero;
        FloatVector c11 = zero;
        FloatVector c12 = zero;
        FloatVector c13 = zero;
        FloatVector c20 = zero;
        FloatVector c21 = zero;
        FloatVector c22 = zero;
        FloatVector c23 = zero;
        FloatVector c30 = zero;
        FloatVector c31 = zero;
        FloatVector c32 = zero;
        FloatVector c33 = zero;
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
            g = FloatVector.broadcast(F, gt[g0 + 1 * batch + b]);
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
        al.fma(c00, zero).intoArray(tile, 0 * FL);
        al.fma(c01, zero).intoArray(tile, 1 * FL);
        al.fma(c02, zero).intoArray(tile, 2 * FL);
        al.fma(c03, zero).intoArray(tile, 3 * FL);
        al.fma(c10, zero).intoArray(tile, 4 * FL);
        al.fma(c11, zero).intoArray(tile, 5 * FL);
        al.fma(c12, zero).intoArray(tile, 6 * FL);
        al.fma(c13, zero).intoArray(tile, 7 * FL);
        al.fma(c20, zero).intoArray(tile, 8 * FL);
        al.fma(c21, zero).intoArray(tile, 9 * FL);
        al.fma(c22, zero).intoArray(tile, 10 * FL);
        al.fma(c23, zero).intoArray(tile, 11 * FL);
        al.fma(c30, zero).intoArray(tile, 12 * FL);
        al.fma(c31, zero).intoArray(tile, 13 * FL);
        al.fma(c32, zero).intoArray(tile, 14 * FL);
        al.fma(c33, zero).intoArray(tile, 15 * FL);
    }

    /** The directions of rows {@code r..r+3}, columns {@code j..j+FL-1}, into {@code tile} row after row. */
    private static void sums4x1(FloatVector al, float[] gt, int batch, float[] a, int n, int r, int j, float[] tile) {
        FloatVector zero = FloatVector.zero(F);
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
        al.fma(c0, zero).intoArray(tile, 0);
        al.fma(c1, zero).intoArray(tile, FL);
        al.fma(c2, zero).intoArray(tile, 2 * FL);
        al.fma(c3, zero).intoArray(tile, 3 * FL);
    }

    /** The directions of row {@code r}, columns {@code j..j+FL-1}, into {@code tile[t..]}. */
    private static void sums1(FloatVector al, float[] gt, int batch, float[] a, int n, int r, int j, float[] tile,
            int t) {
        FloatVector zero = FloatVector.zero(F);
        FloatVector c = zero;
        for (int b = 0; b < batch; b++) {
            c = FloatVector.broadcast(F, gt[r * batch + b]).fma(FloatVector.fromArray(F, a, b * n + j), c);
        }
        al.fma(c, zero).intoArray(tile, t);
    }
}
