package org.mynn.core.train;

import java.util.Arrays;
import org.mynn.core.kernel.Kernels;

/** {@link Layer} in float: float weights and inputs, results widened to double. */
final class FloatLayer extends Layer {

    private final float[] w;
    private final float[] prev;
    private final float[] next;
    private final float[] in;
    private final float[] e;
    private boolean hasNext;

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
}
