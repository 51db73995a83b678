package org.mynn.core.train;

import org.mynn.core.kernel.Kernels;

/**
 * The arithmetic of one weight matrix during training ({@code rows} = the layer it leads into, {@code cols} = the
 * layer it comes from), in double ({@link DoubleLayer}) or float ({@link FloatLayer}), on the
 * engine's own copy of the weights.
 */
abstract class Layer {

    final int rows;
    final int cols;
    final Kernels k;

    Layer(int rows, int cols, Kernels k) {
        this.rows = rows;
        this.cols = cols;
        this.k = k;
    }

    /** Sets the inputs of this sample ({@code prev}) and of the next ({@code next}, may be null); not copied. */
    abstract void setInputs(double[] prev, double[] next);

    /** For rows {@code [r0, r1)}: {@code W[r] += alpha[r] * prev}, then {@code z[r] = W[r] . next}. */
    abstract void updateForward(double[] alpha, double[] z, int r0, int r1);

    /** For rows {@code [r0, r1)}: {@code W[r] += alpha[r] * prev}. */
    abstract void update(double[] alpha, int r0, int r1);

    /**
     * For rows {@code [r0, r1)}: the optimizer's step of {@code W[r]} with directions {@code g[r] * prev}, then, when
     * the next sample's inputs are set, {@code z[r] = W[r] . next}.
     *
     * @param tensor the weight matrix's index, for the optimizer's state
     */
    abstract void stepRows(Steps steps, int tensor, double[] g, double[] z, int r0, int r1);

    /** {@code e = W^T v}, the weights not changed. */
    abstract void backprop(double[] v, double[] in, double[] e);

    /** {@code z = W . in}. */
    abstract void forward(double[] in, double[] z);

    /** {@code e = W^T v} with the weights before their update, and {@code W += alpha (outer) in}, row by row. */
    abstract void backpropUpdate(double[] v, double[] alpha, double[] in, double[] e);

    /** @return the weights as trained so far, a new row-major array */
    abstract double[] weights();
}
