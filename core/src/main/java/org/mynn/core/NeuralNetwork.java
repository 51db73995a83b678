package org.mynn.core;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.mult.MatrixVectorMult_DDRM;
import org.mynn.core.activation.Activation;
import org.mynn.core.activation.Interval;
import org.mynn.core.activation.Sigmoid;
import org.mynn.core.kernel.Kernels;

/**
 * The book's neural network, for any number of layers.
 *
 * <p>Layer {@code k} has {@code layers[k]} nodes; weight matrix {@code k} ({@link #weights(int)}) has shape
 * {@code layers[k+1] x layers[k]}, so for {@code [784, 200, 10]} matrix 0 is the book's {@code wih} and matrix 1
 * its {@code who}. Activation {@code k} turns the signals into layer {@code k+1} into its outputs. There are no
 * biases, exactly as in the book.
 *
 * <p>{@link #query} is safe to call from several threads at once as long as no thread trains;
 * {@link #train} is not thread-safe. The loops run on {@link Kernels#DEFAULT}.
 */
public final class NeuralNetwork {

    private final int[] layers;
    private final Activation[] activations;
    private final DMatrixRMaj[] weights;
    private double learningRate;
    private BackpropRule rule;
    private final TrainingFacts facts;
    private final Kernels kernels = Kernels.DEFAULT;
    private SgdEngine engine;

    private NeuralNetwork(int[] layers, Activation[] activations, DMatrixRMaj[] weights, double learningRate,
            BackpropRule rule, TrainingFacts facts) {
        this.layers = layers;
        this.activations = activations;
        this.weights = weights;
        this.learningRate = learningRate;
        this.rule = rule;
        this.facts = facts;
    }

    /**
     * Starts a network with the given layer sizes, e.g. {@code builder(784, 200, 10)} for the book's.
     */
    public static Builder builder(int... layers) {
        return new Builder(layers);
    }

    /**
     * A network from given weights (copied), e.g. read from a file.
     *
     * @param layers      the layer sizes, 2 or more, each positive
     * @param activations one per weight matrix, or a single one used for all
     * @param weights     {@code weights[k]} is {@code layers[k+1] x layers[k]}; not modified
     * @throws MynnException when anything does not fit
     */
    public static NeuralNetwork of(int[] layers, List<Activation> activations, double learningRate,
            DMatrixRMaj[] weights, TrainingFacts facts) {
        int[] sizes = checkLayers(layers);
        Activation[] acts = checkActivations(activations, sizes.length - 1);
        checkLearningRate(learningRate);
        if (weights.length != sizes.length - 1) {
            throw new MynnException("expected " + (sizes.length - 1) + " weight matrices for layers "
                    + Arrays.toString(sizes) + " but found " + weights.length);
        }
        DMatrixRMaj[] w = new DMatrixRMaj[weights.length];
        for (int k = 0; k < weights.length; k++) {
            if (weights[k].numRows != sizes[k + 1] || weights[k].numCols != sizes[k]) {
                throw new MynnException("weight matrix " + k + " must be " + sizes[k + 1] + "x" + sizes[k]
                        + " but is " + weights[k].numRows + "x" + weights[k].numCols);
            }
            w[k] = weights[k].copy();
        }
        TrainingFacts f = facts == null ? new TrainingFacts() : facts.copy();
        BackpropRule r = f.getRule() == null ? BackpropRule.BOOK : BackpropRule.parse(f.getRule());
        return new NeuralNetwork(sizes, acts, w, learningRate, r, f);
    }

    // ---- the book's three operations ----------------------------------------------------------------------

    /**
     * The forward pass: {@code o = f(W_k ... f(W_0 x))}.
     *
     * @param inputs one value per input node; not modified
     * @return the output layer's values, a new array
     */
    public double[] query(double[] inputs) {
        double[][] all = forward(inputs);
        return all[all.length - 1];
    }

    /**
     * The forward pass, keeping every layer's outputs.
     *
     * @param inputs not modified
     * @return {@code out[0]} a copy of the inputs, {@code out[k]} the outputs of layer {@code k}
     */
    public double[][] forward(double[] inputs) {
        checkLength("inputs", inputs, layers[0]);
        double[][] out = new double[layers.length][];
        out[0] = inputs.clone();
        for (int k = 0; k < weights.length; k++) {
            double[] w = weights[k].data;
            int cols = layers[k];
            double[] z = new double[layers[k + 1]];
            kernels.dotRows(w, 0, z.length, cols, out[k], z);
            activations[k].apply(z, z, z.length);
            out[k + 1] = z;
        }
        return out;
    }

    /**
     * One step of the book's stochastic gradient descent on one sample.
     *
     * <p>With {@code a_k} the outputs of layer {@code k} and {@code e} the output error {@code t - a_L}, for each
     * weight matrix from the last to the first: {@code d = e * f'(a_{k+1})}; the error for the layer before is
     * {@code W_k^T e} ({@link BackpropRule#BOOK}) or {@code W_k^T d} ({@link BackpropRule#GRADIENT}), computed
     * with {@code W_k} before its update; then {@code W_k += lr * d (outer) a_k}. (The work is done by an
     * {@link SgdEngine}; to train on a whole dataset, {@link org.mynn.core.train.Trainer} is faster.)
     *
     * @param inputs  one value per input node; not modified
     * @param targets one value per output node; not modified
     */
    public void train(double[] inputs, double[] targets) {
        checkLength("inputs", inputs, layers[0]);
        checkLength("targets", targets, layers[layers.length - 1]);
        if (engine == null) {
            engine = new SgdEngine(this, kernels, Precision.DOUBLE, 1);
        }
        engine.trainOne(inputs, targets);
    }

    /**
     * How each input moves one output: {@code d out[output] / d inputs[j]}, by backpropagating a unit error through
     * the activations' derivatives and the weights. Times the input it is the "input x gradient" picture that
     * explains a prediction.
     *
     * @param inputs not modified
     * @return one value per input
     */
    public double[] inputGradient(double[] inputs, int output) {
        if (output < 0 || output >= outputSize()) {
            throw new MynnException("output " + output + " is outside 0.." + (outputSize() - 1));
        }
        double[][] a = forward(inputs);
        double[] g = new double[outputSize()];
        g[output] = 1;
        for (int k = weights.length - 1; k >= 0; k--) {
            for (int i = 0; i < g.length; i++) {
                g[i] *= activations[k].derivativeFromOutput(a[k + 1][i]);
            }
            double[] prev = new double[layers[k]];
            for (int r = 0; r < g.length; r++) {
                double gr = g[r];
                int off = r * layers[k];
                for (int j = 0; j < prev.length; j++) {
                    prev[j] += gr * weights[k].data[off + j];
                }
            }
            g = prev;
        }
        return g;
    }

    /**
     * The seed's reverse pass: what input would make the network give {@code targets}.
     *
     * <p>From the output back: apply the activation's inverse, multiply by {@code W_k^T}, then rescale the layer's
     * signals into the middle 98% of the nominal range of the activation that made them (for the sigmoid exactly
     * the seed's {@code v -= min; v /= max; v *= 0.98; v += 0.01}); the input layer is rescaled into
     * [0.01, 0.99].
     *
     * @param targets one value per output node, inside the output activation's range; not modified
     * @return one value per input node, e.g. 784 for a 28x28 picture
     * @throws MynnException when an activation has no inverse or a target lies outside its range
     */
    public double[] backquery(double[] targets) {
        checkLength("targets", targets, layers[layers.length - 1]);
        for (int k = weights.length - 1; k >= 0; k--) {
            if (!activations[k].hasInverse()) {
                throw new MynnException("backquery needs the inverse of every activation, but activation '"
                        + activations[k].name() + "' (weight matrix " + k + ") has none");
            }
        }
        double[] signal = targets.clone();
        for (int k = weights.length - 1; k >= 0; k--) {
            Activation f = activations[k];
            double[] x = new double[signal.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = f.inverse(signal[i]);
                if (!Double.isFinite(x[i])) {
                    throw new MynnException("backquery: target " + signal[i] + " at index " + i
                            + " lies outside the range " + f.outputRange() + " of activation '" + f.name() + "'");
                }
            }
            double[] prev = new double[layers[k]];
            MatrixVectorMult_DDRM.multTransA_small(weights[k], DMatrixRMaj.wrap(x.length, 1, x), DMatrixRMaj.wrap(prev.length, 1, prev));
            rescale(prev, k == 0 ? new Interval(0, 1) : activations[k - 1].nominalRange());
            signal = prev;
        }
        return signal;
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

    // ---- shape and state ----------------------------------------------------------------------------------

    /** @return the layer sizes, a copy */
    public int[] layers() {
        return layers.clone();
    }

    /** @return the number of input nodes */
    public int inputSize() {
        return layers[0];
    }

    /** @return the number of output nodes */
    public int outputSize() {
        return layers[layers.length - 1];
    }

    /** @return the number of weight matrices, one less than the number of layers */
    public int depth() {
        return weights.length;
    }

    /** @return activation {@code k}, which makes the outputs of layer {@code k + 1} */
    public Activation activation(int k) {
        return activations[k];
    }

    /** @return the activations, one per weight matrix */
    public List<Activation> activations() {
        return List.of(activations);
    }

    /**
     * Weight matrix {@code k}, {@code layers[k+1] x layers[k]}, row-major.
     *
     * @return the live matrix: changing it changes the network
     */
    public DMatrixRMaj weights(int k) {
        return weights[k];
    }

    public double learningRate() {
        return learningRate;
    }

    /** @throws MynnException unless {@code lr} is positive and finite */
    public void setLearningRate(double lr) {
        checkLearningRate(lr);
        this.learningRate = lr;
    }

    public BackpropRule rule() {
        return rule;
    }

    public void setRule(BackpropRule rule) {
        this.rule = Objects.requireNonNull(rule, "rule");
        facts.setRule(rule.label());
    }

    /** @return the training facts, live */
    public TrainingFacts facts() {
        return facts;
    }

    /** @return an independent deep copy */
    public NeuralNetwork copy() {
        DMatrixRMaj[] w = new DMatrixRMaj[weights.length];
        for (int k = 0; k < w.length; k++) {
            w[k] = weights[k].copy();
        }
        return new NeuralNetwork(layers.clone(), activations.clone(), w, learningRate, rule, facts.copy());
    }

    /** @return true when every weight is a finite number */
    public boolean isFinite() {
        for (DMatrixRMaj w : weights) {
            for (int i = 0, n = w.getNumElements(); i < n; i++) {
                if (!Double.isFinite(w.data[i])) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        for (Activation a : activations) {
            names.add(a.name());
        }
        return "NeuralNetwork" + Arrays.toString(layers) + " " + names + " lr=" + learningRate;
    }

    // ---- validation ---------------------------------------------------------------------------------------

    private static void checkLength(String what, double[] v, int expected) {
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

    static void checkLearningRate(double lr) {
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new MynnException("learning rate must be a positive finite number but found " + lr);
        }
    }

    /** Builds a network with freshly drawn weights. */
    public static final class Builder {
        private final int[] layers;
        private List<Activation> activations = List.of(new Sigmoid());
        private double learningRate = 0.1;
        private WeightInit init = WeightInit.RECEIVING;
        private BackpropRule rule = BackpropRule.BOOK;
        private Long seed;

        private Builder(int[] layers) {
            this.layers = checkLayers(layers);
        }

        /** One activation for every weight matrix (default: the sigmoid). */
        public Builder activation(Activation activation) {
            this.activations = List.of(activation);
            return this;
        }

        /** One activation per weight matrix, or a single one for all. */
        public Builder activations(List<Activation> activations) {
            this.activations = List.copyOf(activations);
            return this;
        }

        /** Default 0.1, the seed's. */
        public Builder learningRate(double learningRate) {
            checkLearningRate(learningRate);
            this.learningRate = learningRate;
            return this;
        }

        /** Default {@link WeightInit#RECEIVING}, the seed's. */
        public Builder init(WeightInit init) {
            this.init = Objects.requireNonNull(init, "init");
            return this;
        }

        /** Default {@link BackpropRule#BOOK}. */
        public Builder rule(BackpropRule rule) {
            this.rule = Objects.requireNonNull(rule, "rule");
            return this;
        }

        /** Same seed, same weights, bit for bit. Without one a random seed is drawn and recorded. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Draws every weight of matrix {@code k} from {@code Normal(0, init.std(rows, cols))} with
         * {@code java.util.Random(seed).nextGaussian()}, matrix after matrix, row-major.
         */
        public NeuralNetwork build() {
            Activation[] acts = checkActivations(activations, layers.length - 1);
            long s = seed != null ? seed : new SplittableRandom().nextLong();
            Random random = new Random(s);
            DMatrixRMaj[] w = new DMatrixRMaj[layers.length - 1];
            for (int k = 0; k < w.length; k++) {
                int rows = layers[k + 1];
                int cols = layers[k];
                double std = init.std(rows, cols);
                w[k] = new DMatrixRMaj(rows, cols);
                for (int i = 0; i < rows * cols; i++) {
                    w[k].data[i] = random.nextGaussian() * std;
                }
            }
            TrainingFacts facts = new TrainingFacts();
            facts.setSeed(s);
            facts.setInit(init.label());
            facts.setRule(rule.label());
            facts.setEpochs(0);
            facts.setSamplesSeen(0L);
            facts.setCreated(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            return new NeuralNetwork(layers.clone(), acts, w, learningRate, rule, facts);
        }
    }
}
