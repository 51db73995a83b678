package org.mynn.core.kernel;

import static org.mynn.core.kernel.VectorLanes.D;
import static org.mynn.core.kernel.VectorLanes.DL;
import static org.mynn.core.kernel.VectorLanes.D_FOLDS;
import static org.mynn.core.kernel.VectorLanes.K;
import static org.mynn.core.kernel.VectorLanes.VD;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShuffle;

/**
 * The forward pass of a batch of queries ({@link Kernels#forwardBatch}): each output summed as {@link Kernels#dot}
 * sums it, in the canonical order, by tiles of several rows and samples that share their loads. On 512-bit vectors
 * ({@code K == 1}) tiles of 4 rows x 4 samples; on narrower ones, which need {@code K} accumulators per output, tiles
 * of 2 rows x 2 samples ({@code 4 K} accumulators).
 *
 * <p>Static methods, called by {@link VectorKernels} (a final class, so the JIT compiler inlines the call).
 */
final class VectorQueryKernels {

    private VectorQueryKernels() {
    }

    static void forwardBatch(double[] a, int batch, int n, double[] w, int m, double[] z, int r0, int r1) {
        if (K > 1) {
            forwardNarrow(a, batch, n, w, m, z, r0, r1);
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
                    z[b * m + q] = VectorSampleKernels.dot(w, q * n, a, b * n, n);
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
        z[z0] = VectorSampleKernels.tail(c00.lane(0), w, w0, a, a0, full, n);
        z[z0 + 1] = VectorSampleKernels.tail(c01.lane(0), w, w1, a, a0, full, n);
        z[z0 + 2] = VectorSampleKernels.tail(c02.lane(0), w, w2, a, a0, full, n);
        z[z0 + 3] = VectorSampleKernels.tail(c03.lane(0), w, w3, a, a0, full, n);
        z0 += m;
        z[z0] = VectorSampleKernels.tail(c10.lane(0), w, w0, a, a1, full, n);
        z[z0 + 1] = VectorSampleKernels.tail(c11.lane(0), w, w1, a, a1, full, n);
        z[z0 + 2] = VectorSampleKernels.tail(c12.lane(0), w, w2, a, a1, full, n);
        z[z0 + 3] = VectorSampleKernels.tail(c13.lane(0), w, w3, a, a1, full, n);
        z0 += m;
        z[z0] = VectorSampleKernels.tail(c20.lane(0), w, w0, a, a2, full, n);
        z[z0 + 1] = VectorSampleKernels.tail(c21.lane(0), w, w1, a, a2, full, n);
        z[z0 + 2] = VectorSampleKernels.tail(c22.lane(0), w, w2, a, a2, full, n);
        z[z0 + 3] = VectorSampleKernels.tail(c23.lane(0), w, w3, a, a2, full, n);
        z0 += m;
        z[z0] = VectorSampleKernels.tail(c30.lane(0), w, w0, a, a3, full, n);
        z[z0 + 1] = VectorSampleKernels.tail(c31.lane(0), w, w1, a, a3, full, n);
        z[z0 + 2] = VectorSampleKernels.tail(c32.lane(0), w, w2, a, a3, full, n);
        z[z0 + 3] = VectorSampleKernels.tail(c33.lane(0), w, w3, a, a3, full, n);
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
                z[b * m + r] = VectorSampleKernels.tail(c00.lane(0), w, w0, a, a0, full, n);
                z[b * m + r + 1] = VectorSampleKernels.tail(c01.lane(0), w, w1, a, a0, full, n);
                z[(b + 1) * m + r] = VectorSampleKernels.tail(c10.lane(0), w, w0, a, a1, full, n);
                z[(b + 1) * m + r + 1] = VectorSampleKernels.tail(c11.lane(0), w, w1, a, a1, full, n);
                z[(b + 2) * m + r] = VectorSampleKernels.tail(c20.lane(0), w, w0, a, a2, full, n);
                z[(b + 2) * m + r + 1] = VectorSampleKernels.tail(c21.lane(0), w, w1, a, a2, full, n);
                z[(b + 3) * m + r] = VectorSampleKernels.tail(c30.lane(0), w, w0, a, a3, full, n);
                z[(b + 3) * m + r + 1] = VectorSampleKernels.tail(c31.lane(0), w, w1, a, a3, full, n);
            }
            for (; b < batch; b++) {
                z[b * m + r] = VectorSampleKernels.dot(w, w0, a, b * n, n);
                z[b * m + r + 1] = VectorSampleKernels.dot(w, w1, a, b * n, n);
            }
        }
        for (; r < r1; r++) {
            for (int b = 0; b < batch; b++) {
                z[b * m + r] = VectorSampleKernels.dot(w, r * n, a, b * n, n);
            }
        }
    }

    /** {@link #forwardBatch} on vectors narrower than the virtual one ({@code K > 1}): tiles of 2 rows x 2 samples. */
    private static void forwardNarrow(double[] a, int batch, int n, double[] w, int m, double[] z, int r0, int r1) {
        int full = n & -VD;
        int r = r0;
        for (; r + 1 < r1; r += 2) {
            int b = 0;
            for (; b + 1 < batch; b += 2) {
                forward2x2(a, b, n, w, r, m, z, full);
            }
            if (b < batch) {
                VectorSampleKernels.dotRows(w, r, r + 2, n, a, b * n, z, b * m);
            }
        }
        if (r < r1) {
            for (int b = 0; b < batch; b++) {
                z[b * m + r] = VectorSampleKernels.dot(w, r * n, a, b * n, n);
            }
        }
    }

    /**
     * The outputs of rows {@code r, r+1} for samples {@code b, b+1} with {@code K} accumulators each ({@code c} the
     * virtual vector's first hardware vector, then {@code d}, {@code e}, {@code f}; the first digit the sample, the
     * second the row), summed as {@link VectorLanes#sum(DoubleVector, DoubleVector, DoubleVector, DoubleVector)} does.
     */
    private static void forward2x2(double[] a, int b, int n, double[] w, int r, int m, double[] z, int full) {
        int w0 = r * n;
        int w1 = w0 + n;
        int a0 = b * n;
        int a1 = a0 + n;
        DoubleVector c00 = DoubleVector.zero(D);
        DoubleVector c01 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector d00 = c00;
        DoubleVector d01 = c00;
        DoubleVector d10 = c00;
        DoubleVector d11 = c00;
        DoubleVector e00 = c00;
        DoubleVector e01 = c00;
        DoubleVector e10 = c00;
        DoubleVector e11 = c00;
        DoubleVector f00 = c00;
        DoubleVector f01 = c00;
        DoubleVector f10 = c00;
        DoubleVector f11 = c00;
        for (int j = 0; j < full; j += VD) {
            DoubleVector x0 = DoubleVector.fromArray(D, w, w0 + j);
            DoubleVector x1 = DoubleVector.fromArray(D, w, w1 + j);
            DoubleVector y = DoubleVector.fromArray(D, a, a0 + j);
            c00 = x0.fma(y, c00);
            c01 = x1.fma(y, c01);
            y = DoubleVector.fromArray(D, a, a1 + j);
            c10 = x0.fma(y, c10);
            c11 = x1.fma(y, c11);
            int jj = j + DL;
            x0 = DoubleVector.fromArray(D, w, w0 + jj);
            x1 = DoubleVector.fromArray(D, w, w1 + jj);
            y = DoubleVector.fromArray(D, a, a0 + jj);
            d00 = x0.fma(y, d00);
            d01 = x1.fma(y, d01);
            y = DoubleVector.fromArray(D, a, a1 + jj);
            d10 = x0.fma(y, d10);
            d11 = x1.fma(y, d11);
            if (K == 4) {
                jj += DL;
                x0 = DoubleVector.fromArray(D, w, w0 + jj);
                x1 = DoubleVector.fromArray(D, w, w1 + jj);
                y = DoubleVector.fromArray(D, a, a0 + jj);
                e00 = x0.fma(y, e00);
                e01 = x1.fma(y, e01);
                y = DoubleVector.fromArray(D, a, a1 + jj);
                e10 = x0.fma(y, e10);
                e11 = x1.fma(y, e11);
                jj += DL;
                x0 = DoubleVector.fromArray(D, w, w0 + jj);
                x1 = DoubleVector.fromArray(D, w, w1 + jj);
                y = DoubleVector.fromArray(D, a, a0 + jj);
                f00 = x0.fma(y, f00);
                f01 = x1.fma(y, f01);
                y = DoubleVector.fromArray(D, a, a1 + jj);
                f10 = x0.fma(y, f10);
                f11 = x1.fma(y, f11);
            }
        }
        // the virtual vectors' first halvings, then the fold, written out (see forward4x4)
        if (K == 2) {
            c00 = c00.add(d00);
            c01 = c01.add(d01);
            c10 = c10.add(d10);
            c11 = c11.add(d11);
        } else {
            c00 = c00.add(e00).add(d00.add(f00));
            c01 = c01.add(e01).add(d01.add(f01));
            c10 = c10.add(e10).add(d10.add(f10));
            c11 = c11.add(e11).add(d11.add(f11));
        }
        for (VectorShuffle<Double> f : D_FOLDS) {
            c00 = c00.add(c00.rearrange(f));
            c01 = c01.add(c01.rearrange(f));
            c10 = c10.add(c10.rearrange(f));
            c11 = c11.add(c11.rearrange(f));
        }
        z[b * m + r] = VectorSampleKernels.tail(c00.lane(0), w, w0, a, a0, full, n);
        z[b * m + r + 1] = VectorSampleKernels.tail(c01.lane(0), w, w1, a, a0, full, n);
        z[(b + 1) * m + r] = VectorSampleKernels.tail(c10.lane(0), w, w0, a, a1, full, n);
        z[(b + 1) * m + r + 1] = VectorSampleKernels.tail(c11.lane(0), w, w1, a, a1, full, n);
    }
}
