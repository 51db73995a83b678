package org.mynn.core.train;

import java.util.Arrays;
import org.mynn.core.activation.Activation;
import org.mynn.core.kernel.Kernels;

/**
 * {@link Layer} in float: float weights and inputs, results widened to double. In a mini-batch the three products
 * and an elementwise activation's forward pass ({@link Activation#apply(float[], int, int, Kernels)}) are 32-bit:
 * twice the numbers per vector, half the memory traffic, the sigmoid's exponential in vectors.
 */
final class FloatLayer extends Layer {

    /** Float vectors have twice the lanes of double ones. */
    private static final int LANES = 16;

    private final float[] w;
    private final float[] prev;
    private final float[] next;
    private final float[] in;
    private final float[] e;
    private boolean hasNext;
    /**
     * For mini-batches: the inputs (one row per sample) and transposed (one column per sample), the signals
     * transposed (and widened, for a whole-layer activation), the deltas transposed, the deltas or errors sent back,
     * the errors coming back, each part's gradient rows.
     */
    private float[] af;
    private float[] atf;
    private float[] ztf;
    private double[] zt;
    private float[] gtf;
    private float[] vf;
    private float[] ef;
    private float[][] gradf;

    FloatLayer(double[] weights, int rows, int cols, Kernels k) {
        super(rows, cols, k);
        this.w = new float[weights.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) weights[i];
        }
        this.prev = new float[cols];
        this.next = new float[cols];
        this.in = new float[cols];
        this.e = new float[cols];
    }

    private static void narrow(double[] from, float[] to) {
        for (int i = 0; i < to.length; i++) {
            to[i] = (float) from[i];
        }
    }

    @Override
    void setInputs(double[] p, double[] n) {
        narrow(p, prev);
        hasNext = n != null;
        if (hasNext) {
            narrow(n, next);
        }
    }

    @Override
    void stepRows(Steps steps, int tensor, double[] g, double[] z, int r0, int r1) {
        for (int r = r0; r < r1; r++) {
            steps.row(tensor, w, r, cols, g[r], prev);
            if (hasNext) {
                z[r] = k.dot(w, r * cols, next, cols);
            }
        }
    }

    @Override
    void backprop(double[] v, double[] x, double[] out) {
        narrow(x, in);
        Arrays.fill(e, 0f);
        for (int r = 0; r < rows; r++) {
            k.backAxpy((float) v[r], 0f, in, w, r * cols, e, cols);
        }
        for (int j = 0; j < cols; j++) {
            out[j] = e[j];
        }
    }

    @Override
    void updateForward(double[] alpha, double[] z, int r0, int r1) {
        k.axpyDotRows(alpha, prev, w, r0, r1, cols, next, z);
    }

    @Override
    void update(double[] alpha, int r0, int r1) {
        for (int r = r0; r < r1; r++) {
            k.axpy((float) alpha[r], prev, w, r * cols, cols);
        }
    }

    @Override
    void forward(double[] x, double[] z) {
        narrow(x, in);
        k.dotRows(w, 0, rows, cols, in, z);
    }

    @Override
    void backpropUpdate(double[] v, double[] alpha, double[] x, double[] out) {
        narrow(x, in);
        Arrays.fill(e, 0f);
        for (int r = 0; r < rows; r++) {
            k.backAxpy((float) v[r], (float) alpha[r], in, w, r * cols, e, cols);
        }
        for (int j = 0; j < cols; j++) {
            out[j] = e[j];
        }
    }

    @Override
    double[] weights() {
        double[] out = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = w[i];
        }
        return out;
    }

    @Override
    int lanes() {
        return LANES;
    }

    @Override
    void batchBuffers(int batch, int padded, int parts, boolean optimizer, int stepRows) {
        af = new float[batch * cols];
        atf = new float[padded * cols];
        ztf = new float[padded * rows];
        zt = new double[padded * rows];
        gtf = new float[batch * rows];
        vf = new float[batch * rows];
        ef = new float[batch * cols];
        gradf = optimizer ? new float[parts][stepRows * cols] : null;
    }

    @Override
    void batchInputs(double[] in, int b, int bp, int j0, int j1) {
        int n = cols;
        for (int i = 0; i < b; i++) {
            for (int j = j0; j < j1; j++) {
                af[i * n + j] = (float) in[i * n + j];
            }
        }
        for (int j = j0; j < j1; j++) {
            for (int i = 0; i < b; i++) {
                atf[j * bp + i] = af[i * n + j];
            }
            for (int i = b; i < bp; i++) {
                atf[j * bp + i] = 0f;
            }
        }
    }

    @Override
    void batchForward(int b, int bp, double[] bl, Activation f, double[] next, int r0, int r1) {
        k.forwardBatchT(atf, bp, cols, w, ztf, r0, r1);
        if (!f.elementwise()) {
            for (int r = r0; r < r1; r++) {
                for (int i = 0; i < b; i++) {
                    zt[r * bp + i] = ztf[r * bp + i];
                }
            }
            activateRows(zt, b, bp, bl, f, next, r0, r1);
            return;
        }
        // the activation in float, on whole padded rows (a multiple of 16 values: each value's result is its own,
        // whatever the rows a thread has)
        if (bl != null) {
            for (int r = r0; r < r1; r++) {
                for (int i = 0; i < b; i++) {
                    ztf[r * bp + i] = (float) (ztf[r * bp + i] + bl[r]);
                }
            }
        }
        f.apply(ztf, r0 * bp, (r1 - r0) * bp, k);
        int m = rows;
        for (int r = r0; r < r1; r++) {
            for (int i = 0; i < b; i++) {
                next[i * m + r] = ztf[r * bp + i];
            }
        }
    }

    @Override
    void batchDeltas(double[] gt, double[] v, int b, int r0, int r1) {
        for (int r = r0; r < r1; r++) {
            for (int i = 0; i < b; i++) {
                gtf[r * b + i] = (float) gt[r * b + i];
            }
        }
        if (v != null) {
            int m = rows;
            for (int i = 0; i < b; i++) {
                for (int r = r0; r < r1; r++) {
                    vf[i * m + r] = (float) v[i * m + r];
                }
            }
        }
    }

    @Override
    void batchBackprop(double[] v, int b, double[] back, int j0, int j1) {
        int n = cols;
        k.backpropBatch(vf, b, rows, w, n, ef, j0, j1);
        for (int i = 0; i < b; i++) {
            for (int j = j0; j < j1; j++) {
                back[i * n + j] = ef[i * n + j];
            }
        }
    }

    @Override
    void batchUpdate(double alpha, double[] gt, double[] in, int b, int r0, int r1) {
        k.updateBatch((float) alpha, gtf, b, af, cols, w, r0, r1);
    }

    @Override
    void batchStep(Steps steps, int tensor, double inv, double[] gt, double[] in, int b, int part, int c0, int c1) {
        if (steps.fused(tensor)) {
            steps.batch(tensor, k, (float) inv, gtf, b, af, cols, w, c0, c1);
            return;
        }
        k.gradientBatch((float) inv, gtf, b, af, cols, gradf[part], c0, c1);
        steps.each(tensor, w, c0 * cols, (c1 - c0) * cols, gradf[part], 0);
    }
}
