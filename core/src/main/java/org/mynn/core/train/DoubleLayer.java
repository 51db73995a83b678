package org.mynn.core.train;

import java.util.Arrays;
import org.mynn.core.activation.Activation;
import org.mynn.core.kernel.Kernels;

/** {@link Layer} in double. */
final class DoubleLayer extends Layer {

    /** The widest double vector's lanes (AVX-512), to which a mini-batch's transposed columns are padded. */
    private static final int LANES = 8;

    private final double[] w;
    private double[] prev;
    private double[] next;
    /** For mini-batches: the inputs and the signals with one column per sample; each part's gradient rows. */
    private double[] at;
    private double[] zt;
    private double[][] grad;

    /** @param weights row-major; kept and trained (the engine's own copy) */
    DoubleLayer(double[] weights, int rows, int cols, Kernels k) {
        super(rows, cols, k);
        this.w = weights;
    }

    @Override
    void setInputs(double[] p, double[] n) {
        prev = p;
        next = n;
    }

    @Override
    void updateForward(double[] alpha, double[] z, int r0, int r1) {
        k.axpyDotRows(alpha, prev, w, r0, r1, cols, next, z);
    }

    @Override
    void update(double[] alpha, int r0, int r1) {
        for (int r = r0; r < r1; r++) {
            k.axpy(alpha[r], prev, w, r * cols, cols);
        }
    }

    @Override
    void stepRows(Steps steps, int tensor, double[] g, double[] z, int r0, int r1) {
        for (int r = r0; r < r1; r++) {
            steps.row(tensor, w, r, cols, g[r], prev);
            if (next != null) {
                z[r] = k.dot(w, r * cols, next, cols);
            }
        }
    }

    @Override
    void backprop(double[] v, double[] in, double[] e) {
        Arrays.fill(e, 0, cols, 0.0);
        for (int r = 0; r < rows; r++) {
            k.backAxpy(v[r], 0.0, in, w, r * cols, e, cols);
        }
    }

    @Override
    void forward(double[] in, double[] z) {
        k.dotRows(w, 0, rows, cols, in, z);
    }

    @Override
    void backpropUpdate(double[] v, double[] alpha, double[] in, double[] e) {
        Arrays.fill(e, 0, cols, 0.0);
        for (int r = 0; r < rows; r++) {
            k.backAxpy(v[r], alpha[r], in, w, r * cols, e, cols);
        }
    }

    @Override
    double[] weights() {
        return w.clone();
    }

    @Override
    int lanes() {
        return LANES;
    }

    @Override
    void batchBuffers(int batch, int padded, int parts, boolean optimizer, int stepRows) {
        at = new double[padded * cols];
        zt = new double[padded * rows];
        grad = optimizer ? new double[parts][stepRows * cols] : null;
    }

    @Override
    void batchInputs(double[] in, int b, int bp, int j0, int j1) {
        int n = cols;
        for (int j = j0; j < j1; j++) {
            for (int i = 0; i < b; i++) {
                at[j * bp + i] = in[i * n + j];
            }
            for (int i = b; i < bp; i++) {
                at[j * bp + i] = 0.0;
            }
        }
    }

    @Override
    void batchForward(int b, int bp, double[] bl, Activation f, double[] next, int r0, int r1) {
        k.forwardBatchT(at, bp, cols, w, zt, r0, r1);
        activateRows(zt, b, bp, bl, f, next, r0, r1);
    }

    @Override
    void batchDeltas(double[] gt, double[] v, int b, int r0, int r1) {
        // the kernels read the deltas and errors as they are
    }

    @Override
    void batchBackprop(double[] v, int b, double[] e, int j0, int j1) {
        k.backpropBatch(v, b, rows, w, cols, e, j0, j1);
    }

    @Override
    void batchUpdate(double alpha, double[] gt, double[] in, int b, int r0, int r1) {
        k.updateBatch(alpha, gt, b, in, cols, w, r0, r1);
    }

    @Override
    void batchStep(Steps steps, int tensor, double inv, double[] gt, double[] in, int b, int part, int c0, int c1) {
        k.gradientBatch(inv, gt, b, in, cols, grad[part], c0, c1);
        steps.each(tensor, w, c0 * cols, (c1 - c0) * cols, grad[part], 0);
    }
}
