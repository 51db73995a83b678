package org.mynn.core.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} with the JDK's Vector API (incubating in Java 17): the widest vectors the processor has, one
 * vector accumulator per dot product and several rows at a time sharing the loads of the input (measured faster
 * here than two or four accumulators on one row), lanes summed by a fixed folding
 * (never {@code reduceLanes}, whose order is unspecified and may differ between compiled and interpreted code),
 * scalar tails with {@code Math.fma}.
 */
public final class VectorKernels implements Kernels {

    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int DL = D.length();
    private static final int FL = F.length();
    /** Rotations by half, a quarter, ... of the lanes: adding each in turn leaves the total in lane 0. */
    private static final VectorShuffle<Double>[] D_FOLDS = folds(D);
    private static final VectorShuffle<Float>[] F_FOLDS = folds(F);

    @SuppressWarnings("unchecked")
    private static <E> VectorShuffle<E>[] folds(VectorSpecies<E> species) {
        int n = Integer.numberOfTrailingZeros(species.length());
        VectorShuffle<E>[] out = new VectorShuffle[n];
        for (int i = 0; i < n; i++) {
            out[i] = VectorShuffle.iota(species, species.length() >> (i + 1), 1, true);
        }
        return out;
    }

    @Override
    public String name() {
        return "vector (" + D.vectorBitSize() + "-bit)";
    }

    @Override
    public int vectorBits() {
        return D.vectorBitSize();
    }

    /**
     * Sums the lanes of {@code a0} by folding: add the vector rotated by half its lanes, then by a quarter, and
     * so on. Every step is an exact lane-wise operation, so the same bits come out compiled or interpreted. The
     * kernels that sum several accumulators after a loop write this fold out instead of calling it: the JIT often
     * leaves such a call out of line, and then boxes the vector it passes.
     */
    private static double sum(DoubleVector a0) {
        DoubleVector t = a0;
        for (VectorShuffle<Double> f : D_FOLDS) {
            t = t.add(t.rearrange(f));
        }
        return t.lane(0);
    }

    /** Sums the lanes of {@code a0} by folding, as the double version. */
    private static float sum(FloatVector a0) {
        FloatVector t = a0;
        for (VectorShuffle<Float> f : F_FOLDS) {
            t = t.add(t.rearrange(f));
        }
        return t.lane(0);
    }

    @Override
    public double dot(double[] w, int off, double[] x, int n) {
        int full = D.loopBound(n);
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

    @Override
    public double axpyDot(double a, double[] xp, double[] w, int off, double[] xn, int n) {
        int full = D.loopBound(n);
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

    @Override
    public void dotRows(double[] w, int r0, int r1, int n, double[] x, double[] z) {
        int full = D.loopBound(n);
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
            z[r] = tail(c0.lane(0), w, o0, x, full, n);
            z[r + 1] = tail(c1.lane(0), w, o1, x, full, n);
            z[r + 2] = tail(c2.lane(0), w, o2, x, full, n);
            z[r + 3] = tail(c3.lane(0), w, o3, x, full, n);
        }
        for (; r < r1; r++) {
            z[r] = dot(w, r * n, x, n);
        }
    }

    @Override
    public void axpyDotRows(double[] alpha, double[] xp, double[] w, int r0, int r1, int n, double[] xn, double[] z) {
        int full = D.loopBound(n);
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
            z[r] = axpyDot(alpha[r], xp, w, r * n, xn, n);
        }
    }

    private static double tail(double s, double[] w, int off, double[] x, int full, int n) {
        double t = s;
        for (int j = full; j < n; j++) {
            t = Math.fma(w[off + j], x[j], t);
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

    @Override
    public void axpy(double a, double[] x, double[] w, int off, int n) {
        DoubleVector av = DoubleVector.broadcast(D, a);
        int j = 0;
        for (; j <= n - DL; j += DL) {
            av.fma(DoubleVector.fromArray(D, x, j), DoubleVector.fromArray(D, w, off + j)).intoArray(w, off + j);
        }
        for (; j < n; j++) {
            w[off + j] = Math.fma(a, x[j], w[off + j]);
        }
    }

    @Override
    public void mulRows(double[] m, int rows, int inner, double[] x, int width, double[] out) {
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

    @Override
    public void backAxpy(double v, double a, double[] in, double[] w, int off, double[] e, int n) {
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

    @Override
    public float dot(float[] w, int off, float[] x, int n) {
        int full = F.loopBound(n);
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

    @Override
    public float axpyDot(float a, float[] xp, float[] w, int off, float[] xn, int n) {
        int full = F.loopBound(n);
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

    @Override
    public void dotRows(float[] w, int r0, int r1, int n, float[] x, double[] z) {
        int full = F.loopBound(n);
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
            z[r] = dot(w, r * n, x, n);
        }
    }

    @Override
    public void axpyDotRows(double[] alpha, float[] xp, float[] w, int r0, int r1, int n, float[] xn, double[] z) {
        int full = F.loopBound(n);
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
            z[r] = axpyDot((float) alpha[r], xp, w, r * n, xn, n);
        }
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

    @Override
    public void axpy(float a, float[] x, float[] w, int off, int n) {
        FloatVector av = FloatVector.broadcast(F, a);
        int j = 0;
        for (; j <= n - FL; j += FL) {
            av.fma(FloatVector.fromArray(F, x, j), FloatVector.fromArray(F, w, off + j)).intoArray(w, off + j);
        }
        for (; j < n; j++) {
            w[off + j] = Math.fma(a, x[j], w[off + j]);
        }
    }

    @Override
    public void backAxpy(float v, float a, float[] in, float[] w, int off, float[] e, int n) {
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

    // ---- mini-batch ----

    /** One output of {@link #forwardBatch}: one accumulator over the full vectors, folded, then the tail. */
    private static double dot1(double[] w, int wo, double[] a, int ao, int n, int full) {
        DoubleVector acc = DoubleVector.zero(D);
        for (int j = 0; j < full; j += DL) {
            acc = DoubleVector.fromArray(D, w, wo + j).fma(DoubleVector.fromArray(D, a, ao + j), acc);
        }
        double s = sum(acc);
        for (int j = full; j < n; j++) {
            s = Math.fma(w[wo + j], a[ao + j], s);
        }
        return s;
    }

    @Override
    public void forwardBatch(double[] a, int batch, int n, double[] w, int m, double[] z, int r0, int r1) {
        int full = D.loopBound(n);
        int r = r0;
        // tiles of 4 rows x 4 samples: 8 loads feed 16 fused multiply-adds, so the loads from the L2 cache keep up
        for (; r + 3 < r1 && batch >= 4; r += 4) {
            int b = 0;
            for (; b + 3 < batch; b += 4) {
                forward4x4(a, b, n, w, r, m, z, full);
            }
            for (; b < batch; b++) {
                for (int q = r; q < r + 4; q++) {
                    z[b * m + q] = dot1(w, q * n, a, b * n, n, full);
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
                z[b * m + r] = dot1(w, w0, a, b * n, n, full);
                z[b * m + r + 1] = dot1(w, w1, a, b * n, n, full);
            }
        }
        for (; r < r1; r++) {
            for (int b = 0; b < batch; b++) {
                z[b * m + r] = dot1(w, r * n, a, b * n, n, full);
            }
        }
    }

    private static double tail(double s, double[] w, int wo, double[] a, int ao, int full, int n) {
        double t = s;
        for (int j = full; j < n; j++) {
            t = Math.fma(w[wo + j], a[ao + j], t);
        }
        return t;
    }

    @Override
    public void updateBatch(double alpha, double[] gt, int batch, double[] a, int n, double[] w, int r0, int r1) {
        updateBatch(alpha, gt, batch, a, n, w, r0, r1, false);
    }

    @Override
    public void gradientBatch(double alpha, double[] gt, int batch, double[] a, int n, double[] g, int r0, int r1) {
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

    /** The inputs of {@link #forwardBatchT} are taken in chunks of this many, so that a chunk stays in the L1 cache. */
    private static final int CHUNK = 64;

    /** Zeros: the prior values of a fresh gradient ({@link #gradientBatch}), as many as a 4x4 tile's row needs. */
    private static final double[] DZEROS = new double[4 * DL];
    private static final float[] FZEROS = new float[4 * FL];

    @Override
    public void forwardBatchT(double[] at, int batch, int n, double[] w, double[] zt, int r0, int r1) {
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

    @Override
    public void backpropBatch(double[] v, int batch, int m, double[] w, int n, double[] e, int j0, int j1) {
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

    // ---- the same mini-batch kernels in float (the float mini-batch engine) ----

    @Override
    public void exp(float[] x, int off, int n) {
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
            Kernels.super.exp(x, i, off + n - i);
        }
    }

    @Override
    public void updateBatch(float alpha, float[] gt, int batch, float[] a, int n, float[] w, int r0, int r1) {
        updateBatch(alpha, gt, batch, a, n, w, r0, r1, false);
    }

    @Override
    public void gradientBatch(float alpha, float[] gt, int batch, float[] a, int n, float[] g, int r0, int r1) {
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


    @Override
    public void forwardBatchT(float[] at, int batch, int n, float[] w, float[] zt, int r0, int r1) {
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

    @Override
    public void backpropBatch(float[] v, int batch, int m, float[] w, int n, float[] e, int j0, int j1) {
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
