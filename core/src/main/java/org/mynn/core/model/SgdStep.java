package org.mynn.core.model;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.mynn.core.activation.Activation;
import org.mynn.core.kernel.Kernels;
import org.mynn.core.loss.Loss;

/**
 * The book's stochastic gradient descent on one sample, on a network's own weights (in place), with its buffers;
 * {@link NeuralNetwork#train} makes one on first use. Its arithmetic is the training engines': the same kernel calls
 * in the same order, so {@code org.mynn.core.train.SgdEngine} gives the same bits.
 */
final class SgdStep {

    private final int[] layers;
    private final Activation[] activations;
    private final Loss loss;
    private final DMatrixRMaj[] weights;
    private final double[][] biases;
    private final Kernels kernels;

    private final double[][] a;
    private final double[][] e;
    private final double[] g;
    private final double[] alpha;

    SgdStep(int[] layers, Activation[] activations, Loss loss, DMatrixRMaj[] weights, double[][] biases, Kernels kernels) {
        this.layers = layers;
        this.activations = activations;
        this.loss = loss;
        this.weights = weights;
        this.biases = biases;
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
            layerForward(kernels, weights[k].data, biases == null ? null : biases[k], layers[k], activations[k], a[k], a[k + 1]);
        }
        int outputs = t.length;
        loss.error(a[depth], t, e[depth], outputs);
        boolean book = rule == BackpropRule.BOOK;
        for (int k = depth - 1; k >= 0; k--) {
            double[] ek = e[k + 1];
            double[] out = a[k + 1];
            Activation f = activations[k];
            if (k == depth - 1) {
                loss.delta(out, t, f, ek, g, ek.length);
            } else {
                f.backward(out, ek, g, ek.length);
            }
            for (int i = 0; i < ek.length; i++) {
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
            if (biases != null) {
                double[] b = biases[k];
                for (int r = 0; r < ek.length; r++) {
                    b[r] += alpha[r];
                }
            }
        }
    }

    /** {@code out = f(W in + b)} for a {@code out.length x cols} matrix {@code w}, on the kernels; {@code b} may be null. */
    static void layerForward(Kernels kernels, double[] w, double[] b, int cols, Activation f, double[] in, double[] out) {
        kernels.dotRows(w, 0, out.length, cols, in, out);
        if (b != null) {
            for (int r = 0; r < out.length; r++) {
                out[r] += b[r];
            }
        }
        f.apply(out, out, out.length);
    }
}
