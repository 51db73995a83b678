package org.mynn.core.model;

import org.ejml.data.DMatrixRMaj;
import org.mynn.core.MynnException;
import org.mynn.core.activation.Activation;
import org.mynn.core.kernel.Kernels;

/**
 * A network's forward pass on the kernels, for {@link NeuralNetwork#forward} and {@link NeuralNetwork#queryBatch}:
 * the same kernel calls in the same order as the per-sample engine's forward pass, so a query gives the bits training
 * saw.
 */
final class Forward {

    private final int[] layers;
    private final Activation[] activations;
    private final DMatrixRMaj[] weights;
    private final double[][] biases;
    private final Kernels kernels;

    /** @param biases null without biases; all kept, not copied */
    Forward(int[] layers, Activation[] activations, DMatrixRMaj[] weights, double[][] biases, Kernels kernels) {
        this.layers = layers;
        this.activations = activations;
        this.weights = weights;
        this.biases = biases;
        this.kernels = kernels;
    }

    /** @see NeuralNetwork#forward */
    double[][] all(double[] inputs) {
        Shapes.checkLength("inputs", inputs, layers[0]);
        double[][] out = new double[layers.length][];
        out[0] = inputs.clone();
        for (int k = 0; k < weights.length; k++) {
            out[k + 1] = new double[layers[k + 1]];
            layer(k, out[k], out[k + 1]);
        }
        return out;
    }

    /**
     * The forward pass keeping every layer's signals before its activation too ({@link SampleMath}): the same arithmetic
     * as {@link #all}, so its outputs are those bits.
     *
     * @param signals modified: {@code signals[k]} becomes {@code W_k a_k + b_k}, one array per weight matrix
     * @return as {@link #all}
     */
    double[][] all(double[] inputs, double[][] signals) {
        Shapes.checkLength("inputs", inputs, layers[0]);
        double[][] out = new double[layers.length][];
        out[0] = inputs.clone();
        for (int k = 0; k < weights.length; k++) {
            out[k + 1] = new double[layers[k + 1]];
            signals[k] = layer(k, out[k], out[k + 1], true);
        }
        return out;
    }

    /** {@code out = f_k(W_k in + b_k)}. */
    private void layer(int k, double[] in, double[] out) {
        layer(k, in, out, false);
    }

    /** {@code out = f_k(W_k in + b_k)}; @return a copy of {@code W_k in + b_k} when {@code keep}, else null */
    private double[] layer(int k, double[] in, double[] out, boolean keep) {
        kernels.dotRows(weights[k].data, 0, out.length, layers[k], in, out);
        double[] b = biases == null ? null : biases[k];
        if (b != null) {
            for (int r = 0; r < out.length; r++) {
                out[r] += b[r];
            }
        }
        double[] z = keep ? out.clone() : null;
        activations[k].apply(out, out, out.length);
        return z;
    }

    /** @see NeuralNetwork#queryBatch */
    double[] batch(double[] inputs, int count) {
        if (count < 0 || inputs.length != (long) count * layers[0]) {
            throw new MynnException("queryBatch: " + count + " samples of " + layers[0] + " inputs need "
                    + (long) count * layers[0] + " values but got " + inputs.length);
        }
        double[] a = inputs;
        for (int k = 0; k < weights.length; k++) {
            int n = layers[k];
            int m = layers[k + 1];
            double[] z = new double[count * m];
            kernels.forwardBatch(a, count, n, weights[k].data, m, z, 0, m);
            double[] b = biases == null ? null : biases[k];
            double[] row = new double[m];
            for (int s = 0; s < count; s++) {
                System.arraycopy(z, s * m, row, 0, m);
                if (b != null) {
                    for (int r = 0; r < m; r++) {
                        row[r] += b[r];
                    }
                }
                activations[k].apply(row, row, m);
                System.arraycopy(row, 0, z, s * m, m);
            }
            a = z;
        }
        return a;
    }
}
