package org.mynn.core.model;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.mynn.core.activation.Activation;
import org.mynn.core.kernel.Kernels;

/**
 * The book's stochastic gradient descent on one sample, on a network's own weights (in place), with its buffers;
 * {@link NeuralNetwork#train} makes one on first use. Its arithmetic is the training engines': the same kernel calls
 * in the same order, so {@code org.mynn.core.train.SgdEngine} gives the same bits.
 */
final class SgdStep {

    private final int[] layers;
    private final Activation[] activations;
    private final DMatrixRMaj[] weights;
    private final Kernels kernels;

    private final double[][] a;
    private final double[][] e;
    private final double[] g;
    private final double[] alpha;

    SgdStep(int[] layers, Activation[] activations, DMatrixRMaj[] weights, Kernels kernels) {
        this.layers = layers;
        this.activations = activations;
        this.weights = weights;
        this.kernels = kernels;
        this.a = new double[layers.length][];
        this.e = new double[layers.length][];
        int widest = 0;
        for (int k = 0; k < layers.length; k++) {
            a[k] = new double[layers[k]];
            e[k] = new double[layers[k]];
            widest = Math.max(widest, layers[k]);
        }
        g = new double[widest];
        alpha = new double[widest];
    }

    void run(double[] x, double[] t, double learningRate, BackpropRule rule) {
        int depth = weights.length;
        System.arraycopy(x, 0, a[0], 0, x.length);
        for (int k = 0; k < depth; k++) {
            layerForward(kernels, weights[k].data, layers[k], activations[k], a[k], a[k + 1]);
        }
        for (int i = 0; i < t.length; i++) {
            e[depth][i] = t[i] - a[depth][i];
        }
        boolean book = rule == BackpropRule.BOOK;
        for (int k = depth - 1; k >= 0; k--) {
            double[] ek = e[k + 1];
            double[] out = a[k + 1];
            Activation f = activations[k];
            for (int i = 0; i < ek.length; i++) {
                g[i] = ek[i] * f.derivativeFromOutput(out[i]);
                alpha[i] = learningRate * g[i];
            }
            double[] w = weights[k].data;
            int cols = layers[k];
            if (k > 0) {
                Arrays.fill(e[k], 0.0);
                for (int r = 0; r < ek.length; r++) {
                    kernels.backAxpy(book ? ek[r] : g[r], alpha[r], a[k], w, r * cols, e[k], cols);
                }
            } else {
                for (int r = 0; r < ek.length; r++) {
                    kernels.axpy(alpha[r], a[0], w, r * cols, cols);
                }
            }
        }
    }

    /** {@code out = f(W in)} for a {@code out.length x cols} matrix {@code w}, on the kernels. */
    static void layerForward(Kernels kernels, double[] w, int cols, Activation f, double[] in, double[] out) {
        kernels.dotRows(w, 0, out.length, cols, in, out);
        f.apply(out, out, out.length);
    }
}
