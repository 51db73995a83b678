package org.mynn.core.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.mynn.core.Memory;
import org.mynn.core.MynnException;
import org.mynn.core.activation.Activation;

/** The checks a network's shape, activations, learning rate and vectors must pass; each names what is wrong. */
final class Shapes {

    private Shapes() {
    }

    static void checkLength(String what, double[] v, int expected) {
        if (v == null) {
            throw new MynnException(what + " must not be null");
        }
        if (v.length != expected) {
            throw new MynnException("expected " + expected + " " + what + " but found " + v.length);
        }
    }

    static int[] checkLayers(int[] layers) {
        if (layers == null || layers.length < 2) {
            throw new MynnException("a network needs at least 2 layers but found "
                    + (layers == null ? 0 : layers.length));
        }
        for (int k = 0; k < layers.length; k++) {
            if (layers[k] <= 0) {
                throw new MynnException("layer sizes must be positive but layer " + k + " has " + layers[k]);
            }
        }
        return layers.clone();
    }

    static Activation[] checkActivations(List<Activation> acts, int matrices) {
        if (acts == null || acts.isEmpty()) {
            throw new MynnException("expected " + matrices + " activations (one per weight matrix) but found none");
        }
        if (acts.size() != 1 && acts.size() != matrices) {
            throw new MynnException("expected 1 or " + matrices + " activations (one per weight matrix) but found "
                    + acts.size());
        }
        Activation[] out = new Activation[matrices];
        for (int k = 0; k < matrices; k++) {
            out[k] = Objects.requireNonNull(acts.get(acts.size() == 1 ? 0 : k), "activation");
        }
        return out;
    }

    /** @throws MynnException unless {@code biases} is null or holds one vector per layer after the first, of its size */
    static void checkBiases(double[][] biases, int[] layers) {
        if (biases == null) {
            return;
        }
        if (biases.length != layers.length - 1) {
            throw new MynnException("expected " + (layers.length - 1) + " bias vectors (one per layer after the inputs) but found "
                    + biases.length);
        }
        for (int k = 0; k < biases.length; k++) {
            if (biases[k] == null || biases[k].length != layers[k + 1]) {
                throw new MynnException("bias vector " + k + " must have " + layers[k + 1] + " values (layers[" + (k + 1)
                        + "]) but has " + (biases[k] == null ? 0 : biases[k].length));
            }
        }
    }

    /**
     * @return the number of weights of a network with these layer sizes
     * @throws MynnException when a weight matrix would be larger than a Java array holds
     */
    static long checkSize(int[] layers) {
        long total = 0;
        for (int k = 0; k + 1 < layers.length; k++) {
            long n = (long) layers[k + 1] * layers[k];
            if (n > Memory.MAX_ARRAY) {
                throw new MynnException(String.format(Locale.ROOT, "weight matrix %d would be %,d x %,d = %,d weights; mynn"
                        + " holds at most %,d in one matrix", k, layers[k + 1], layers[k], n, Memory.MAX_ARRAY));
            }
            total += n;
        }
        return total;
    }

    /** @return "784-200-10" */
    static String shape(int[] layers) {
        StringBuilder s = new StringBuilder();
        for (int size : layers) {
            s.append(s.length() == 0 ? "" : "-").append(size);
        }
        return s.toString();
    }

    static void checkLearningRate(double lr) {
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new MynnException("learning rate must be a positive finite number but found " + lr);
        }
    }

    /**
     * @param weights {@code weights[k]} must be {@code layers[k+1] x layers[k]}
     * @return the matrices themselves, in a new array
     * @throws MynnException naming the first that does not fit
     */
    static DMatrixRMaj[] checkWeights(DMatrixRMaj[] weights, int[] layers) {
        if (weights.length != layers.length - 1) {
            throw new MynnException("expected " + (layers.length - 1) + " weight matrices for layers "
                    + Arrays.toString(layers) + " but found " + weights.length);
        }
        DMatrixRMaj[] w = new DMatrixRMaj[weights.length];
        for (int k = 0; k < weights.length; k++) {
            if (weights[k].numRows != layers[k + 1] || weights[k].numCols != layers[k]) {
                throw new MynnException("weight matrix " + k + " must be " + layers[k + 1] + "x" + layers[k]
                        + " but is " + weights[k].numRows + "x" + weights[k].numCols);
            }
            w[k] = weights[k];
        }
        return w;
    }

    /** @return a deep copy */
    static DMatrixRMaj[] copy(DMatrixRMaj[] weights) {
        DMatrixRMaj[] w = new DMatrixRMaj[weights.length];
        for (int k = 0; k < w.length; k++) {
            w[k] = weights[k].copy();
        }
        return w;
    }

    /** @return a deep copy; null for null */
    static double[][] copy(double[][] biases) {
        if (biases == null) {
            return null;
        }
        double[][] b = new double[biases.length][];
        for (int k = 0; k < b.length; k++) {
            b[k] = biases[k].clone();
        }
        return b;
    }

    /** @return the largest magnitude of the weights and biases (may be null) */
    static double maxAbs(DMatrixRMaj[] weights, double[][] biases) {
        double m = 0;
        for (DMatrixRMaj w : weights) {
            for (int i = 0, n = w.getNumElements(); i < n; i++) {
                m = Math.max(m, Math.abs(w.data[i]));
            }
        }
        for (int k = 0; biases != null && k < biases.length; k++) {
            for (double b : biases[k]) {
                m = Math.max(m, Math.abs(b));
            }
        }
        return m;
    }

    /** @return true when every weight and bias (may be null) is a finite number */
    static boolean allFinite(DMatrixRMaj[] weights, double[][] biases) {
        for (DMatrixRMaj w : weights) {
            for (int i = 0, n = w.getNumElements(); i < n; i++) {
                if (!Double.isFinite(w.data[i])) {
                    return false;
                }
            }
        }
        for (int k = 0; biases != null && k < biases.length; k++) {
            for (double b : biases[k]) {
                if (!Double.isFinite(b)) {
                    return false;
                }
            }
        }
        return true;
    }
}
