package org.mynn.core.train;

import org.mynn.core.activation.Activation;
import org.mynn.core.kernel.Kernels;
import org.mynn.core.model.Precision;

/**
 * The arithmetic of one weight matrix during training ({@code rows} = the layer it leads into, {@code cols} = the
 * layer it comes from), in double ({@link DoubleLayer}) or float ({@link FloatLayer}), on the engine's own copy of
 * the weights: the precision strategy of both engines. {@link SgdEngine} uses the per-sample operations,
 * {@link BatchEngine} the mini-batch ones (after {@link #batchBuffers}); whatever the precision, the engines keep
 * their signals and errors in double (and, in {@link EngineState}, the biases and the optimizer's state: double, but
 * float for float weights with a built-in optimizer, {@link Steps}), and a layer
 * narrows what it reads and widens what it gives back.
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

    /** @param weights row-major, {@code rows x cols}: kept and trained in double, copied into float */
    static Layer of(Precision precision, double[] weights, int rows, int cols, Kernels k) {
        return precision == Precision.FLOAT ? new FloatLayer(weights, rows, cols, k) : new DoubleLayer(weights, rows, cols, k);
    }

    // ---- one sample at a time ----------------------------------------------------------------------------

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

    // ---- a mini-batch at a time: b samples, each array one row per sample unless it says transposed --------

    /** @return the number of lanes of this precision's widest vector: a batch's columns are padded to a multiple */
    abstract int lanes();

    /**
     * Makes the buffers for mini-batches of up to {@code batch} samples ({@code padded} columns when transposed),
     * shared out between {@code parts} threads; with an optimizer also each part's gradient of {@code stepRows} rows.
     */
    abstract void batchBuffers(int batch, int padded, int parts, boolean optimizer, int stepRows);

    /**
     * Columns {@code [j0, j1)} of the layer's inputs {@code in} into its transposed inputs (one column per sample,
     * padded to {@code bp} columns with zeros, so that the product runs whole vectors; the padding changes no sum).
     */
    abstract void batchInputs(double[] in, int b, int bp, int j0, int j1);

    /**
     * Rows {@code [r0, r1)} of the product {@code W in} ({@link Kernels#forwardBatchT}), plus the bias {@code bl} (may be
     * null), through {@code f} when it is elementwise: {@code next[i * rows + r]}. A whole-layer activation is left to
     * the engine.
     */
    abstract void batchForward(int b, int bp, double[] bl, Activation f, double[] next, int r0, int r1);

    /**
     * Rows {@code [r0, r1)} of the deltas, transposed ({@code gt[r * b + i]}), and of {@code v} (the deltas or errors
     * sent back; null for the first layer), as {@link #batchUpdate} and {@link #batchBackprop} read them: nothing to
     * do in double, narrowed in float.
     */
    abstract void batchDeltas(double[] gt, double[] v, int b, int r0, int r1);

    /** Columns {@code [j0, j1)} of {@code e = W^T v} for each sample, the weights before their update. */
    abstract void batchBackprop(double[] v, int b, double[] e, int j0, int j1);

    /** For rows {@code [r0, r1)}: {@code W[r] += alpha * sum_i gt[r * b + i] * in_i}. */
    abstract void batchUpdate(double alpha, double[] gt, double[] in, int b, int r0, int r1);

    /**
     * For rows {@code [c0, c1)} (at most {@code stepRows}): the gradient {@code inv * sum_i gt[r * b + i] * in_i} into
     * part {@code part}'s buffer, then the optimizer's step of those rows with it.
     */
    abstract void batchStep(Steps steps, int tensor, double inv, double[] gt, double[] in, int b, int part, int c0, int c1);

    /**
     * {@code next[i * rows + r] = f(z[r * bp + i] + bl[r])} for rows {@code [r0, r1)}, {@code f} only when it is
     * elementwise (on each thread's own rows, as the array form would).
     */
    final void activateRows(double[] z, int b, int bp, double[] bl, Activation f, double[] next, int r0, int r1) {
        boolean each = f.elementwise();
        int m = rows;
        for (int r = r0; r < r1; r++) {
            double add = bl == null ? 0.0 : bl[r];
            for (int i = 0; i < b; i++) {
                double s = z[r * bp + i];
                double x = bl == null ? s : s + add;
                next[i * m + r] = each ? f.apply(x) : x;
            }
        }
    }
}
