package org.mynn.core.train;

import java.util.Arrays;
import org.mynn.core.kernel.Kernels;

/** {@link Layer} in double. */
final class DoubleLayer extends Layer {

    private final double[] w;
    private double[] prev;
    private double[] next;

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
}
