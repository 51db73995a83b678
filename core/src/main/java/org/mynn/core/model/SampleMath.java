package org.mynn.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.mynn.core.MynnException;
import org.mynn.core.activation.Activation;
import org.mynn.core.loss.Loss;

/**
 * The arithmetic of one sample, as the book writes it, with a network's own numbers: for every layer the inputs
 * {@code a_k}, the signals {@code z = W_k a_k (+ b_k)} and the outputs {@code a_{k+1} = f(z)}; the output error
 * {@code e = t - o} and the loss; then, from the last layer back, each layer's error, its delta {@code d} and the change
 * one step of stochastic gradient descent with learning rate {@code lr} would make, {@code dW_k = lr d (outer) a_k} (and
 * {@code db_k = lr d}), summarised (its norm, the largest entries); and the outputs and loss after that step.
 *
 * <p>The forward pass is the network's own ({@link NeuralNetwork#forward}); the errors and deltas are the trainer's
 * ({@link Loss#error}, {@link Loss#delta}, {@link Activation#backward}, the error sent back {@code W^T e} under the
 * book's rule, {@code W^T d} under the gradient rule, with the weights before the update); the step itself is
 * {@link NeuralNetwork#train} on a copy, the trainer's per-sample engine, so "after" is what training on this sample
 * would give, bit for bit.
 */
public final class SampleMath {

    private SampleMath() {
    }

    /** One weight's change in a step: row {@code row} (node of the layer after), column {@code col} (node before). */
    public record Change(int row, int col, double weight, double change) {
    }

    /**
     * One weight matrix {@code k} and what it does to the sample.
     *
     * @param inputs     {@code a_k}, the layer's inputs
     * @param signals    {@code z = W_k a_k (+ b_k)}
     * @param outputs    {@code a_{k+1} = f(z)}
     * @param activation the name of {@code f}
     * @param error      the error at the layer's outputs: {@code t - o} at the output layer, else what the layer after
     *                   sent back
     * @param delta      {@code d}: the loss's delta at the output layer, else {@code f'} applied to the error
     * @param weightNorm the Frobenius norm of {@code W_k}
     * @param changeNorm the Frobenius norm of {@code dW_k = lr d (outer) a_k}
     * @param biasChangeNorm the norm of {@code db_k = lr d}; 0 without biases
     * @param largest    the largest entries of {@code dW_k} by magnitude, largest first
     */
    public record Layer(int k, double[] inputs, double[] signals, double[] outputs, String activation, double[] error,
            double[] delta, double weightNorm, double changeNorm, double biasChangeNorm, List<Change> largest) {
    }

    /**
     * @param targets      {@code t}, as the loss takes them
     * @param loss         the loss's name
     * @param value        the loss of the sample before the step
     * @param layers       one per weight matrix, first to last
     * @param outputsAfter the outputs after one step on this sample
     * @param valueAfter   the loss after it
     */
    public record Result(double[] targets, String loss, double learningRate, BackpropRule rule, boolean biases,
            double value, List<Layer> layers, double[] outputsAfter, double valueAfter) {

        /** @return the network's outputs before the step */
        public double[] outputs() {
            return layers.get(layers.size() - 1).outputs();
        }
    }

    /**
     * The targets a network's loss trains a label towards: the book's 0.01 and 0.99 ({@link Targets}) as the loss makes
     * them its own (one-hot for cross-entropy), as the trainer makes them.
     */
    public static double[] targets(NeuralNetwork net, int label) {
        double[] t = Targets.oneHot(label, net.outputSize());
        net.loss().targets(label, t, t.length);
        return t;
    }

    /**
     * @param inputs  the sample's inputs, as the network takes them (pixels already scaled); not modified
     * @param targets the targets, as the loss takes them ({@link #targets}); not modified
     * @param lr      the learning rate of the step
     * @param rule    the rule of the step
     * @param largest how many of each matrix's largest changes to keep
     */
    public static Result of(NeuralNetwork net, double[] inputs, double[] targets, double lr, BackpropRule rule, int largest) {
        Objects.requireNonNull(rule, "rule");
        Shapes.checkLearningRate(lr);
        Shapes.checkLength("targets", targets, net.outputSize());
        int depth = net.depth();
        double[][] z = new double[depth][];
        double[][] a = net.forward(inputs, z);
        Loss loss = net.loss();
        double[] o = a[depth];
        Activation last = net.activation(depth - 1);
        double value = loss.value(o, targets, last, o.length);
        double[][] e = new double[depth + 1][];
        double[][] d = new double[depth][];
        e[depth] = new double[o.length];
        loss.error(o, targets, e[depth], o.length);
        for (int k = depth - 1; k >= 0; k--) {
            double[] ek = e[k + 1];
            d[k] = new double[ek.length];
            if (k == depth - 1) {
                loss.delta(o, targets, last, ek, d[k], ek.length);
            } else {
                net.activation(k).backward(a[k + 1], ek, d[k], ek.length);
            }
            if (k > 0) {
                e[k] = transposeTimes(net, k, rule == BackpropRule.BOOK ? ek : d[k]);
            }
        }
        List<Layer> layers = new ArrayList<>();
        for (int k = 0; k < depth; k++) {
            double normA = norm(a[k]);
            double normD = norm(d[k]);
            layers.add(new Layer(k, a[k], z[k], a[k + 1], net.activation(k).name(), e[k + 1], d[k],
                    norm(net.weights(k).data), lr * normD * normA, net.hasBiases() ? lr * normD : 0,
                    largest(net, k, lr, d[k], a[k], largest)));
        }
        NeuralNetwork after = stepped(net, lr, rule);
        after.train(inputs, targets);
        double[] oAfter = after.query(inputs);
        return new Result(targets.clone(), loss.name(), lr, rule, net.hasBiases(), value, List.copyOf(layers), oAfter,
                loss.value(oAfter, targets, last, oAfter.length));
    }

    /**
     * @return a copy of {@code net} whose {@link NeuralNetwork#train} steps with {@code lr} and {@code rule}: the network
     *         {@link #of} measures "after" on, and what a paused run's step by hand must agree with
     */
    public static NeuralNetwork stepped(NeuralNetwork net, double lr, BackpropRule rule) {
        return net.wrapLike(net.allWeights(), net.allBiases(), lr, net.provenance().toBuilder().rule(rule).build());
    }

    /** @return {@code W_k^T v} */
    private static double[] transposeTimes(NeuralNetwork net, int k, double[] v) {
        int cols = net.layers()[k];
        double[] out = new double[cols];
        double[] row = new double[cols];
        for (int r = 0; r < v.length; r++) {
            net.copyRow(k, r, row);
            for (int c = 0; c < cols; c++) {
                out[c] += row[c] * v[r];
            }
        }
        return out;
    }

    /** @return the {@code n} entries of {@code lr d (outer) a} largest in magnitude, largest first */
    private static List<Change> largest(NeuralNetwork net, int k, double lr, double[] d, double[] a, int n) {
        if (n < 0) {
            throw new MynnException("the number of largest changes cannot be negative: " + n);
        }
        // the largest |d_r a_c| are among the n largest |d_r| times the n largest |a_c|
        Integer[] rows = top(d, n);
        Integer[] cols = top(a, n);
        List<Change> all = new ArrayList<>();
        double[] row = new double[a.length];
        for (int r : rows) {
            net.copyRow(k, r, row);
            for (int c : cols) {
                all.add(new Change(r, c, row[c], lr * d[r] * a[c]));
            }
        }
        all.sort((x, y) -> Double.compare(Math.abs(y.change()), Math.abs(x.change())));
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
    }

    /** @return the indices of the {@code n} entries of {@code v} largest in magnitude */
    private static Integer[] top(double[] v, int n) {
        Integer[] idx = new Integer[v.length];
        Arrays.setAll(idx, i -> i);
        Arrays.sort(idx, (x, y) -> Double.compare(Math.abs(v[y]), Math.abs(v[x])));
        return Arrays.copyOf(idx, Math.min(n, idx.length));
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
