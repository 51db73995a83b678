package org.mynn.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each kernel against plain arithmetic, for sizes that are and are not multiples of the vector length; every dot
 * product against the canonical order written out from {@link Kernels}' definition, and the scalar and vector kernels
 * against each other bit for bit. (The other vector widths: {@code SameBitsOnEveryWidthTest}, in separate JVMs.)
 */
class KernelsTest {

    static final int[] SIZES = {1, 3, 7, 8, 15, 16, 17, 33, 200, 784, 785};

    static Stream<Kernels> kernels() {
        return Stream.of(new ScalarKernels(), new VectorKernels());
    }

    static double[] random(Random r, int n) {
        return r.doubles(n, -1, 1).toArray();
    }

    static float[] narrow(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    @Test
    void vectorKernels_areTheDefaultWhenTheModuleIsThere() {
        assertThat(Kernels.vectorAvailable()).as("surefire runs with --add-modules jdk.incubator.vector").isTrue();
        assertThat(Kernels.best()).isInstanceOf(VectorKernels.class);
        assertThat(Kernels.best().name()).startsWith("vector (").endsWith("-bit, 8-lane sums)");
        assertThat(Kernels.best().vectorBits()).isBetween(128, 512);
    }

    /** Sizes 0..70, and a few large ones, odd and even. */
    static int[] manySizes() {
        return java.util.stream.IntStream.concat(java.util.stream.IntStream.rangeClosed(0, 70),
                java.util.stream.IntStream.of(127, 128, 129, 200, 784, 785, 1001)).toArray();
    }

    /** {@link Kernels}' canonical order, written out from its javadoc over an array of {@code v} lanes. */
    static double canonical(double[] w, int off, double[] x, int xoff, int n) {
        int v = 8;
        double[] acc = new double[v];
        int full = n - n % v;
        for (int j = 0; j < full; j++) {
            acc[j % v] = Math.fma(w[off + j], x[xoff + j], acc[j % v]);
        }
        for (int half = v / 2; half >= 1; half /= 2) {
            for (int k = 0; k < half; k++) {
                acc[k] = acc[k] + acc[k + half];
            }
        }
        double s = acc[0];
        for (int j = full; j < n; j++) {
            s = Math.fma(w[off + j], x[xoff + j], s);
        }
        return s;
    }

    /** The float canonical order: sixteen lanes. */
    static float canonical(float[] w, int off, float[] x, int n) {
        int v = 16;
        float[] acc = new float[v];
        int full = n - n % v;
        for (int j = 0; j < full; j++) {
            acc[j % v] = Math.fma(w[off + j], x[j], acc[j % v]);
        }
        for (int half = v / 2; half >= 1; half /= 2) {
            for (int k = 0; k < half; k++) {
                acc[k] = acc[k] + acc[k + half];
            }
        }
        float s = acc[0];
        for (int j = full; j < n; j++) {
            s = Math.fma(w[off + j], x[j], s);
        }
        return s;
    }

    static long bits(double d) {
        return Double.doubleToRawLongBits(d);
    }

    @Test
    void everyDotProduct_followsTheCanonicalOrder_scalarAndVectorBitForBit_forManySizesAndOffsets() {
        Random r = new Random(28);
        Kernels s = new ScalarKernels();
        Kernels v = new VectorKernels();
        for (int n : manySizes()) {
            for (int off : new int[] {0, 3}) {
                int rows = 7;
                // offsets: row r starts at r*n in the *Rows kernels; single rows at off + r*n, odd or even
                double[] w = random(r, rows * n + off);
                double[] xp = random(r, n);
                double[] xn = random(r, n);
                double[] alpha = random(r, rows);
                for (Kernels k : new Kernels[] {s, v}) {
                    String what = k.name() + ", n=" + n + ", off=" + off;
                    for (int row = 0; row < rows; row++) {
                        assertThat(bits(k.dot(w, off + row * n, xn, n))).as("dot, %s", what)
                                .isEqualTo(bits(canonical(w, off + row * n, xn, 0, n)));
                    }
                    double[] fused = w.clone();
                    double[] plain = w.clone();
                    for (int row = 0; row < rows; row++) {
                        int o = off + row * n;
                        for (int j = 0; j < n; j++) {
                            plain[o + j] = Math.fma(alpha[row], xp[j], plain[o + j]);
                        }
                        assertThat(bits(k.axpyDot(alpha[row], xp, fused, o, xn, n))).as("axpyDot, %s", what)
                                .isEqualTo(bits(canonical(plain, o, xn, 0, n)));
                    }
                    assertThat(fused).as("axpyDot's weights, %s", what).containsExactly(plain);
                    // the *Rows kernels from row 0 (4 + 2 + 1 rows) and from row 1 (4 + 2)
                    for (int r0 : new int[] {0, 1}) {
                        double[] z = new double[rows];
                        double[] rw = w.clone();
                        k.dotRows(rw, r0, rows, n, xn, z);
                        double[] zr = new double[rows];
                        k.axpyDotRows(alpha, xp, rw, r0, rows, n, xn, zr);
                        double[] up = w.clone();
                        for (int row = r0; row < rows; row++) {
                            assertThat(bits(z[row])).as("dotRows, %s", what).isEqualTo(bits(canonical(w, row * n, xn, 0, n)));
                            for (int j = 0; j < n; j++) {
                                up[row * n + j] = Math.fma(alpha[row], xp[j], up[row * n + j]);
                            }
                            assertThat(bits(zr[row])).as("axpyDotRows, %s", what)
                                    .isEqualTo(bits(canonical(up, row * n, xn, 0, n)));
                        }
                        assertThat(rw).as("axpyDotRows' weights, %s", what).containsExactly(up);
                    }
                    // a batch of queries: 9 samples (tiles of 4 and the rest), rows split 2 | 5
                    int batch = 9;
                    double[] a = random(r, batch * n);
                    double[] zb = new double[batch * rows];
                    k.forwardBatch(a, batch, n, w, rows, zb, 2, rows);
                    k.forwardBatch(a, batch, n, w, rows, zb, 0, 2);
                    for (int b = 0; b < batch; b++) {
                        for (int row = 0; row < rows; row++) {
                            assertThat(bits(zb[b * rows + row])).as("forwardBatch, %s", what)
                                    .isEqualTo(bits(canonical(w, row * n, a, b * n, n)));
                        }
                    }
                    // float
                    float[] wf = narrow(w);
                    float[] xpf = narrow(xp);
                    float[] xnf = narrow(xn);
                    float[] ff = wf.clone();
                    float[] pf = wf.clone();
                    for (int row = 0; row < rows; row++) {
                        int o = off + row * n;
                        assertThat(k.dot(wf, o, xnf, n)).as("float dot, %s", what).isEqualTo(canonical(wf, o, xnf, n));
                        for (int j = 0; j < n; j++) {
                            pf[o + j] = Math.fma((float) alpha[row], xpf[j], pf[o + j]);
                        }
                        assertThat(Float.floatToRawIntBits(k.axpyDot((float) alpha[row], xpf, ff, o, xnf, n)))
                                .as("float axpyDot, %s", what).isEqualTo(Float.floatToRawIntBits(canonical(pf, o, xnf, n)));
                    }
                    assertThat(ff).as("float axpyDot's weights, %s", what).containsExactly(pf);
                    for (int r0 : new int[] {0, 1}) {
                        double[] z = new double[rows];
                        float[] rw = wf.clone();
                        k.dotRows(rw, r0, rows, n, xnf, z);
                        double[] zr = new double[rows];
                        k.axpyDotRows(alpha, xpf, rw, r0, rows, n, xnf, zr);
                        float[] up = wf.clone();
                        for (int row = r0; row < rows; row++) {
                            assertThat(bits(z[row])).as("float dotRows, %s", what)
                                    .isEqualTo(bits(canonical(wf, row * n, xnf, n)));
                            for (int j = 0; j < n; j++) {
                                up[row * n + j] = Math.fma((float) alpha[row], xpf[j], up[row * n + j]);
                            }
                            assertThat(bits(zr[row])).as("float axpyDotRows, %s", what)
                                    .isEqualTo(bits(canonical(up, row * n, xnf, n)));
                        }
                        assertThat(rw).as("float axpyDotRows' weights, %s", what).containsExactly(up);
                    }
                }
            }
        }
    }

    @Test
    void theKernelsWhoseSumsRunAlongOneIndex_areScalarBitForBit_forManySizes() {
        Random r = new Random(29);
        Kernels s = new ScalarKernels();
        Kernels v = new VectorKernels();
        for (int n : manySizes()) {
            double[] w = random(r, n + 3);
            double[] x = random(r, n);
            double[] e = random(r, n);
            double[] ws = w.clone();
            double[] wv = w.clone();
            double[] es = e.clone();
            double[] ev = e.clone();
            s.axpy(0.3, x, ws, 3, n);
            v.axpy(0.3, x, wv, 3, n);
            s.backAxpy(-0.7, 0.2, x, ws, 3, es, n);
            v.backAxpy(-0.7, 0.2, x, wv, 3, ev, n);
            assertThat(wv).as("axpy, backAxpy, n=%d", n).containsExactly(ws);
            assertThat(ev).as("backAxpy's errors, n=%d", n).containsExactly(es);
            float[] wfs = narrow(w);
            float[] wfv = narrow(w);
            float[] efs = narrow(e);
            float[] efv = narrow(e);
            s.axpy(0.3f, narrow(x), wfs, 3, n);
            v.axpy(0.3f, narrow(x), wfv, 3, n);
            s.backAxpy(-0.7f, 0.2f, narrow(x), wfs, 3, efs, n);
            v.backAxpy(-0.7f, 0.2f, narrow(x), wfv, 3, efv, n);
            assertThat(wfv).as("float axpy, backAxpy, n=%d", n).containsExactly(wfs);
            assertThat(efv).as("float backAxpy's errors, n=%d", n).containsExactly(efs);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void dot_matchesPlainSum(Kernels k) {
        Random r = new Random(345);
        for (int n : SIZES) {
            double[] w = random(r, n + 5);
            double[] x = random(r, n);
            double expected = 0;
            for (int j = 0; j < n; j++) {
                expected += w[5 + j] * x[j];
            }
            assertThat(k.dot(w, 5, x, n)).as("n=%d", n).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-12));
            assertThat((double) k.dot(narrow(w), 5, narrow(x), n)).as("float n=%d", n)
                    .isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-4));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void axpyDot_isBitForBitAxpyThenDot_andRowsAreBitForBitSingleRows(Kernels k) {
        Random r = new Random(7);
        for (int n : SIZES) {
            int rows = 7;
            double[] w = random(r, rows * n);
            double[] xp = random(r, n);
            double[] xn = random(r, n);
            double[] alpha = random(r, rows);
            double[] fused = w.clone();
            double[] split = w.clone();
            double[] rowsW = w.clone();
            double[] z = new double[rows];
            k.axpyDotRows(alpha, xp, rowsW, 0, rows, n, xn, z);
            for (int row = 0; row < rows; row++) {
                double a = k.axpyDot(alpha[row], xp, fused, row * n, xn, n);
                k.axpy(alpha[row], xp, split, row * n, n);
                double b = k.dot(split, row * n, xn, n);
                assertThat(Double.doubleToRawLongBits(a)).as("n=%d row %d", n, row).isEqualTo(Double.doubleToRawLongBits(b));
                assertThat(Double.doubleToRawLongBits(z[row])).isEqualTo(Double.doubleToRawLongBits(a));
            }
            assertThat(fused).containsExactly(split);
            assertThat(rowsW).containsExactly(split);
            double[] dz = new double[rows];
            k.dotRows(split, 1, rows, n, xn, dz);
            for (int row = 1; row < rows; row++) {
                assertThat(dz[row]).isEqualTo(k.dot(split, row * n, xn, n));
            }
            // float
            float[] wf = narrow(w);
            float[] ff = wf.clone();
            float[] sf = wf.clone();
            double[] zf = new double[rows];
            k.axpyDotRows(alpha, narrow(xp), ff, 0, rows, n, narrow(xn), zf);
            for (int row = 0; row < rows; row++) {
                k.axpy((float) alpha[row], narrow(xp), sf, row * n, n);
                assertThat((float) zf[row]).isEqualTo(k.dot(sf, row * n, narrow(xn), n));
            }
            assertThat(ff).containsExactly(sf);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void backAxpy_sendsBackTheOldWeightsAndUpdates(Kernels k) {
        Random r = new Random(11);
        for (int n : SIZES) {
            double[] w = random(r, n);
            double[] in = random(r, n);
            double[] e = random(r, n);
            double[] e0 = e.clone();
            double[] w0 = w.clone();
            k.backAxpy(0.3, -0.2, in, w, 0, e, n);
            for (int j = 0; j < n; j++) {
                assertThat(e[j]).isEqualTo(Math.fma(0.3, w0[j], e0[j]));
                assertThat(w[j]).isEqualTo(Math.fma(-0.2, in[j], w0[j]));
            }
        }
    }

    @Test
    void forwardBatchT_sumsInOrder_scalarAndVectorBitForBit_whateverTheRowSplit() {
        Random r = new Random(5);
        Kernels s = new ScalarKernels();
        Kernels v = new VectorKernels();
        for (int[] shape : new int[][] {{64, 784, 30}, {5, 17, 9}, {37, 200, 10}, {8, 65, 4}, {1, 3, 1}, {40, 130, 7}}) {
            int batch = shape[0];
            int n = shape[1];
            int m = shape[2];
            double[] at = random(r, n * batch);
            double[] w = random(r, m * n);
            double[] zs = new double[m * batch];
            double[] zv = new double[m * batch];
            java.util.Arrays.fill(zv, 42.0);
            s.forwardBatchT(at, batch, n, w, zs, 0, m);
            int split = m / 3;
            v.forwardBatchT(at, batch, n, w, zv, split, m);
            v.forwardBatchT(at, batch, n, w, zv, 0, split);
            for (int row = 0; row < m; row++) {
                for (int b = 0; b < batch; b++) {
                    double inOrder = 0;
                    for (int j = 0; j < n; j++) {
                        inOrder = Math.fma(w[row * n + j], at[j * batch + b], inOrder);
                    }
                    assertThat(zs[row * batch + b]).isEqualTo(inOrder);
                }
            }
            assertThat(zv).as("batch %d, %dx%d", batch, m, n).containsExactly(zs);
        }
    }

    @Test
    void floatBatchKernels_sumInOrder_scalarAndVectorBitForBit_whateverTheSplit_andMatchDoubleToFloatAccuracy() {
        Random r = new Random(9);
        Kernels s = new ScalarKernels();
        Kernels v = new VectorKernels();
        for (int[] shape : new int[][] {{64, 784, 30}, {5, 17, 9}, {37, 200, 10}, {16, 65, 4}, {1, 3, 1}, {48, 130, 7}, {13, 130, 300}}) {
            int batch = shape[0];
            int n = shape[1];
            int m = shape[2];
            double[] atd = random(r, n * batch);
            double[] wd = random(r, m * n);
            float[] at = narrow(atd);
            float[] w = narrow(wd);
            float[] zs = new float[m * batch];
            float[] zv = new float[m * batch];
            java.util.Arrays.fill(zv, 42f);
            s.forwardBatchT(at, batch, n, w, zs, 0, m);
            int split = m / 3;
            v.forwardBatchT(at, batch, n, w, zv, split, m);
            v.forwardBatchT(at, batch, n, w, zv, 0, split);
            assertThat(zv).as("forward, batch %d, %dx%d", batch, m, n).containsExactly(zs);
            for (int row = 0; row < m; row++) {
                for (int b = 0; b < batch; b++) {
                    float inOrder = 0;
                    double exact = 0;
                    for (int j = 0; j < n; j++) {
                        inOrder = Math.fma(w[row * n + j], at[j * batch + b], inOrder);
                        exact += (double) w[row * n + j] * at[j * batch + b];
                    }
                    assertThat(zs[row * batch + b]).isEqualTo(inOrder);
                    assertThat((double) zs[row * batch + b]).isCloseTo(exact, org.assertj.core.api.Assertions.within(1e-4));
                }
            }
            // the update: one row per sample in a (batch x n), transposed deltas gt (m x batch)
            float[] a = narrow(random(r, batch * n));
            float[] gt = narrow(random(r, m * batch));
            float[] ws = w.clone();
            float[] wv = w.clone();
            s.updateBatch(0.05f, gt, batch, a, n, ws, 0, m);
            v.updateBatch(0.05f, gt, batch, a, n, wv, 1, m);
            v.updateBatch(0.05f, gt, batch, a, n, wv, 0, 1);
            assertThat(wv).as("update").containsExactly(ws);
            // the gradient of some rows alone, written to the start of a small array over whatever it held: bit for bit
            // the update of rows of zeros, on the vector kernels and the plain ones
            float[] onZeros = new float[m * n];
            v.updateBatch(0.05f, gt, batch, a, n, onZeros, 0, m);
            int r0 = m / 3;
            float[] rows = java.util.Arrays.copyOfRange(onZeros, r0 * n, m * n);
            for (Kernels k : new Kernels[] {v, s}) {
                float[] g = narrow(random(r, (m - r0) * n + 5));
                k.gradientBatch(0.05f, gt, batch, a, n, g, r0, m);
                assertThat(java.util.Arrays.copyOf(g, (m - r0) * n)).as("gradient, %s", k.name()).containsExactly(rows);
            }
            double sum = 0;
            for (int b = 0; b < batch; b++) {
                sum += (double) gt[b] * a[b * n + 2];
            }
            assertThat((double) ws[2]).isCloseTo(w[2] + 0.05 * sum, org.assertj.core.api.Assertions.within(1e-5));
            float[] vv = narrow(random(r, batch * m));
            float[] es = new float[batch * n];
            float[] ev = new float[batch * n];
            s.backpropBatch(vv, batch, m, w, n, es, 0, n);
            v.backpropBatch(vv, batch, m, w, n, ev, 0, n / 3);
            v.backpropBatch(vv, batch, m, w, n, ev, n / 3, n);
            assertThat(ev).as("backprop").containsExactly(es);
            double back = 0;
            for (int row = 0; row < m; row++) {
                back += (double) vv[row] * w[row * n + 2];
            }
            assertThat((double) es[2]).isCloseTo(back, org.assertj.core.api.Assertions.within(1e-5));
        }
    }

    @Test
    void floatExp_isWithinTwoFloatUlpsOfMathExp_scalarAndVectorBitForBit_whereverAValueSits() {
        Random r = new Random(4);
        float[] x = new float[16 * 40 + 5];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() * 20);
        }
        x[0] = -100f;
        x[1] = 100f;
        x[2] = 0f;
        x[3] = -87f;
        x[4] = 88f;
        float[] ys = x.clone();
        float[] yv = x.clone();
        new ScalarKernels().exp(ys, 0, ys.length);
        new VectorKernels().exp(yv, 3, yv.length - 3);
        new VectorKernels().exp(yv, 0, 3);
        assertThat(yv).containsExactly(ys);
        for (int i = 0; i < x.length; i++) {
            float clamped = Math.min(Math.max(x[i], Kernels.EXP_MIN), Kernels.EXP_MAX);
            double expected = Math.exp(clamped);
            assertThat((double) ys[i]).as("exp(%s)", x[i]).isCloseTo(expected,
                    org.assertj.core.api.Assertions.within(2.0 * Math.ulp((float) expected)));
        }
        assertThat(ys[2]).isEqualTo(1f);
        assertThat(ys[1]).as("clamped above").isEqualTo(ys[4]).isFinite();
        // the same bits once the loop is compiled (the Vector API's own EXP differs between interpreter and compiler)
        Kernels v = new VectorKernels();
        float[] hot = new float[64];
        for (int round = 0; round < 20_000; round++) {
            System.arraycopy(x, 0, hot, 0, 64);
            v.exp(hot, 0, 64);
        }
        assertThat(hot).containsExactly(java.util.Arrays.copyOf(ys, 64));
    }

    @Test
    void batchKernels_matchPlainArithmetic_andScalarEqualsVectorBitForBit() {
        Random r = new Random(3);
        Kernels s = new ScalarKernels();
        Kernels v = new VectorKernels();
        for (int[] shape : new int[][] {{5, 17, 9}, {8, 784, 30}, {3, 33, 7}, {13, 40, 11}}) {
            int batch = shape[0];
            int n = shape[1];
            int m = shape[2];
            double[] a = random(r, batch * n);
            double[] w = random(r, m * n);
            double[] zs = new double[batch * m];
            double[] zv = new double[batch * m];
            s.forwardBatch(a, batch, n, w, m, zs, 0, m);
            v.forwardBatch(a, batch, n, w, m, zv, 0, m);
            assertThat(zv).as("forwardBatch, batch %d, %dx%d", batch, m, n).containsExactly(zs);
            for (int b = 0; b < batch; b++) {
                for (int row = 0; row < m; row++) {
                    double expected = 0;
                    for (int j = 0; j < n; j++) {
                        expected += a[b * n + j] * w[row * n + j];
                    }
                    assertThat(zs[b * m + row]).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-12));
                    assertThat(zv[b * m + row]).isEqualTo(v.dot(w, row * n, java.util.Arrays.copyOfRange(a, b * n, b * n + n), n));
                    assertThat(zs[b * m + row]).isEqualTo(s.dot(w, row * n, java.util.Arrays.copyOfRange(a, b * n, b * n + n), n));
                }
            }
            double[] gt = random(r, m * batch);
            double[] ws = w.clone();
            double[] wv = w.clone();
            s.updateBatch(0.05, gt, batch, a, n, ws, 0, m);
            v.updateBatch(0.05, gt, batch, a, n, wv, 1, m);
            v.updateBatch(0.05, gt, batch, a, n, wv, 0, 1);
            assertThat(wv).containsExactly(ws);
            double[] onZeros = new double[m * n];
            v.updateBatch(0.05, gt, batch, a, n, onZeros, 0, m);
            int r0 = m / 3;
            double[] rows = java.util.Arrays.copyOfRange(onZeros, r0 * n, m * n);
            for (Kernels k : new Kernels[] {v, s}) {
                double[] g = random(r, (m - r0) * n + 5);
                k.gradientBatch(0.05, gt, batch, a, n, g, r0, m);
                assertThat(java.util.Arrays.copyOf(g, (m - r0) * n)).as("gradient, %s", k.name()).containsExactly(rows);
            }
            double[] vv = random(r, batch * m);
            double[] es = new double[batch * n];
            double[] ev = new double[batch * n];
            s.backpropBatch(vv, batch, m, w, n, es, 0, n);
            v.backpropBatch(vv, batch, m, w, n, ev, 0, n / 3);
            v.backpropBatch(vv, batch, m, w, n, ev, n / 3, n);
            assertThat(ev).containsExactly(es);
            double expected = 0;
            for (int row = 0; row < m; row++) {
                expected += vv[row] * w[row * n + 2];
            }
            assertThat(es[2]).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-12));
        }
    }

    static Stream<FloatStep> floatSteps() {
        return Stream.of(FloatStep.sgd(0.3), FloatStep.momentum(0.1, 0.9, false), FloatStep.momentum(0.05, 0.95, true),
                FloatStep.adam(0.001, 0.9, 0.999, 1e-8, 1), FloatStep.adam(0.003, 0.8, 0.99, 1e-6, 7));
    }

    /**
     * The fused optimizer step of float mini-batches: for each built-in optimizer, the vector kernel (its rows split
     * anywhere) gives the scalar kernel's weights and state bit for bit, two steps in a row; and both are the step
     * written out here from {@link FloatStep}'s javadoc on the direction {@code gradientBatch} gives, lane for lane.
     */
    @ParameterizedTest
    @MethodSource("floatSteps")
    void floatStepBatch_isTheOptimizersStepOnGradientBatchsDirection_vectorAndScalarBitForBit(FloatStep step) {
        Kernels s = new ScalarKernels();
        Kernels v = new VectorKernels();
        Random r = new Random(12);
        int[][] shapes = {{64, 17, 784}, {16, 9, 785}, {7, 5, 33}, {3, 1, 15}, {64, 10, 800}, {5, 4, 64}};
        for (int[] shape : shapes) {
            int batch = shape[0];
            int m = shape[1];
            int n = shape[2];
            float[] a = narrow(random(r, batch * n));
            float[] gt = narrow(random(r, m * batch));
            float[] w0 = narrow(random(r, m * n));
            float[] m0 = narrow(random(r, m * n));
            float[] v0 = new float[m * n];
            for (int i = 0; i < v0.length; i++) {
                v0[i] = (float) Math.abs(r.nextGaussian() * 0.1);
            }
            float[] ws = w0.clone();
            float[] ms = m0.clone();
            float[] vs = v0.clone();
            float[] wv = w0.clone();
            float[] mv = m0.clone();
            float[] vv = v0.clone();
            float inv = 1f / batch;
            for (int pass = 0; pass < 2; pass++) {
                s.stepBatch(step, inv, gt, batch, a, n, ws, ms, vs, 0, m);
                int split = (m * (pass + 1)) / 3;
                v.stepBatch(step, inv, gt, batch, a, n, wv, mv, vv, split, m);
                v.stepBatch(step, inv, gt, batch, a, n, wv, mv, vv, 0, split);
                String what = step.kind() + ", batch " + batch + ", " + m + "x" + n + ", step " + (pass + 1);
                assertThat(wv).as("weights, %s", what).containsExactly(ws);
                assertThat(mv).as("first slot, %s", what).containsExactly(ms);
                assertThat(vv).as("second slot, %s", what).containsExactly(vs);
            }
            // one step written out: the direction of gradientBatch, then the formulas of FloatStep's javadoc
            float[] g = new float[m * n];
            s.gradientBatch(inv, gt, batch, a, n, g, 0, m);
            float[] w1 = w0.clone();
            float[] m1 = m0.clone();
            float[] v1 = v0.clone();
            s.stepBatch(step, inv, gt, batch, a, n, w1, m1, v1, 0, m);
            for (int i = 0; i < m * n; i++) {
                float d = g[i];
                float p = w0[i];
                float expected;
                switch (step.kind()) {
                    case SGD -> expected = Math.fma(step.lr, d, p);
                    case MOMENTUM -> {
                        float vel = step.mu * m0[i] + step.lr * d;
                        assertThat(m1[i]).isEqualTo(vel);
                        expected = vel + p;
                    }
                    case NESTEROV -> {
                        float vel = step.mu * m0[i] + step.lr * d;
                        assertThat(m1[i]).isEqualTo(vel);
                        expected = step.mu * vel + step.lr * d + p;
                    }
                    default -> {
                        float mm = step.b1 * m0[i] + step.ob1 * d;
                        float vv2 = step.b2 * v0[i] + step.ob2 * d * d;
                        assertThat(m1[i]).isEqualTo(mm);
                        assertThat(v1[i]).isEqualTo(vv2);
                        expected = step.lr * (mm / step.c1) / ((float) Math.sqrt(vv2 / step.c2) + step.eps) + p;
                    }
                }
                assertThat(w1[i]).as("%s, weight %d", step.kind(), i).isEqualTo(expected);
            }
        }
    }

    @Test
    void theInterfaceOnlyDeclares_andBothKernelsImplementEveryMethod() throws Exception {
        for (java.lang.reflect.Method method : Kernels.class.getDeclaredMethods()) {
            if (java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            assertThat(method.isDefault()).as("%s has a body in the interface", method).isFalse();
            for (Class<?> kernels : new Class<?>[] {ScalarKernels.class, VectorKernels.class}) {
                assertThat(kernels.getDeclaredMethod(method.getName(), method.getParameterTypes()).getDeclaringClass())
                        .as("%s in %s", method, kernels.getSimpleName()).isEqualTo(kernels);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void floatDotRows_areBitForBitSingleRows_andLeaveTheOtherRows(Kernels k) {
        Random r = new Random(13);
        for (int n : SIZES) {
            int rows = 9;
            float[] w = narrow(random(r, rows * n));
            float[] x = narrow(random(r, n));
            double[] z = new double[rows];
            java.util.Arrays.fill(z, 42.0);
            k.dotRows(w, 2, rows, n, x, z);
            assertThat(z[0]).isEqualTo(42.0);
            assertThat(z[1]).isEqualTo(42.0);
            for (int row = 2; row < rows; row++) {
                assertThat(z[row]).as("n=%d row %d", n, row).isEqualTo((double) k.dot(w, row * n, x, n));
            }
        }
    }
}
