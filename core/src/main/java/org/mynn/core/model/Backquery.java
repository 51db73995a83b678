package org.mynn.core.model;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.mult.MatrixVectorMult_DDRM;
import org.mynn.core.MynnException;
import org.mynn.core.activation.Activation;
import org.mynn.core.activation.Interval;

/**
 * What a network's weights say when read backwards, off the training's hot path and on EJML (whole matrices, once
 * per question): the seed's backquery ({@link NeuralNetwork#backquery}) and the input gradient
 * ({@link NeuralNetwork#inputGradient}).
 */
final class Backquery {

    private Backquery() {
    }

    /** @see NeuralNetwork#inputGradient */
    static double[] inputGradient(NeuralNetwork net, DMatrixRMaj[] weights, double[] inputs, int output) {
        if (output < 0 || output >= net.outputSize()) {
            throw new MynnException("output " + output + " is outside 0.." + (net.outputSize() - 1));
        }
        double[][] a = net.forward(inputs);
        double[] g = new double[net.outputSize()];
        g[output] = 1;
        for (int k = weights.length - 1; k >= 0; k--) {
            net.activation(k).backward(a[k + 1], g, g, g.length);
            g = transposeTimes(weights[k], g);
        }
        return g;
    }

    /** @see NeuralNetwork#backquery */
    static double[] backquery(NeuralNetwork net, DMatrixRMaj[] weights, double[][] biases, double[] targets) {
        Shapes.checkLength("targets", targets, net.outputSize());
        requireInverses(net, "backquery");
        double[] signal = targets.clone();
        for (int k = weights.length - 1; k >= 0; k--) {
            Activation f = net.activation(k);
            double[] x = new double[signal.length];
            f.inverse(signal, x, x.length);
            for (int i = 0; i < x.length; i++) {
                if (biases != null) {
                    x[i] -= biases[k][i];
                }
                if (!Double.isFinite(x[i])) {
                    throw new MynnException("backquery: target " + signal[i] + " at index " + i
                            + " lies outside the range " + f.outputRange() + " of activation '" + f.name() + "'");
                }
            }
            double[] prev = transposeTimes(weights[k], x);
            rescale(prev, k == 0 ? new Interval(0, 1) : net.activation(k - 1).nominalRange());
            signal = prev;
        }
        return signal;
    }

    /** @see NeuralNetwork#requireInverses */
    static void requireInverses(NeuralNetwork net, String what) {
        for (int k = net.depth() - 1; k >= 0; k--) {
            Activation f = net.activation(k);
            if (!f.hasInverse()) {
                throw new MynnException(what + " needs the inverse of every activation, but activation '"
                        + f.name() + "' (weight matrix " + k + ") has none");
            }
        }
    }

    /** @return {@code W^T v}, a new array of {@code W.numCols} values */
    private static double[] transposeTimes(DMatrixRMaj w, double[] v) {
        double[] out = new double[w.numCols];
        MatrixVectorMult_DDRM.multTransA_small(w, DMatrixRMaj.wrap(v.length, 1, v), DMatrixRMaj.wrap(out.length, 1, out));
        return out;
    }

    /**
     * Rescales {@code v} in place into the middle 98% of {@code range}: subtract the minimum, divide by the new
     * maximum, then map [0, 1] to {@code [lo + 0.01 w, lo + 0.99 w]} with {@code w = hi - lo}. A constant
     * {@code v} becomes the middle of the range.
     */
    static void rescale(double[] v, Interval range) {
        double width = range.upper() - range.lower();
        double min = Double.POSITIVE_INFINITY;
        for (double x : v) {
            min = Math.min(min, x);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < v.length; i++) {
            v[i] -= min;
            max = Math.max(max, v[i]);
        }
        if (!(max > 0)) {
            Arrays.fill(v, range.lower() + 0.5 * width);
            return;
        }
        double scale = 0.98 * width;
        double offset = range.lower() + 0.01 * width;
        for (int i = 0; i < v.length; i++) {
            v[i] /= max;
            v[i] *= scale;
            v[i] += offset;
        }
    }
}
