package org.mynn.core.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import org.ejml.data.DMatrixRMaj;
import org.mynn.core.MynnException;
import org.mynn.core.activation.Activation;
import org.mynn.core.kernel.Kernels;
import org.mynn.core.loss.Loss;

/**
 * The book's neural network, for any number of layers.
 *
 * <p>Layer {@code k} has {@code layers[k]} nodes; weight matrix {@code k} ({@link #weights(int)}) has shape
 * {@code layers[k+1] x layers[k]}, so for {@code [784, 200, 10]} matrix 0 is the book's {@code wih} and matrix 1
 * its {@code who}. Activation {@code k} turns the signals into layer {@code k+1} into its outputs. Like the book's,
 * it has no biases and learns by the mean squared error unless made with them: then bias vector {@code k}
 * ({@link #biases(int)}) holds one value per node of layer {@code k+1}, added to its signals, and the {@link Loss}
 * (e.g. cross-entropy with a softmax output) says what training makes small.
 *
 * <p>Its shape, activations and {@link Provenance} never change; its weights change only through the book's
 * {@link #train} (one sample, in place), which is the trainer's per-sample engine ({@link SampleStep}) with the
 * learning rate and rule the network records. {@link #weights(int)} hands out copies. To train on a whole dataset,
 * {@link org.mynn.core.train.Trainer} is faster and returns a new network.
 *
 * <p>{@link #query} is safe to call from several threads at once as long as no thread trains; {@link #train} is not
 * thread-safe. The loops run on the kernels it was made with (those its public factories choose,
 * {@link Kernels#best()}, or a network it was made from); the whole-matrix work off the hot path (backquery, the
 * input gradient, {@link Backquery}) on EJML.
 */
public final class NeuralNetwork {

    /**
     * The largest weight magnitude a model may hold: products and sums of larger weights overflow double, so model
     * files with them are refused, and a training run that reaches them has diverged.
     */
    public static final double MAX_WEIGHT = 1e100;

    private final int[] layers;
    private final Activation[] activations;
    private final Loss loss;
    private final DMatrixRMaj[] weights;
    private final double[][] biases;
    private final double learningRate;
    private final Provenance provenance;
    private final Kernels kernels;
    private final Forward forward;
    private SampleStep step;

    NeuralNetwork(int[] layers, Activation[] activations, Loss loss, DMatrixRMaj[] weights, double[][] biases,
            double learningRate, Provenance provenance, Kernels kernels) {
        this.layers = layers;
        this.activations = activations;
        this.loss = loss;
        this.weights = weights;
        this.biases = biases;
        this.learningRate = learningRate;
        this.provenance = provenance;
        this.kernels = kernels;
        this.forward = new Forward(layers, activations, weights, biases, kernels);
    }

    /** Starts a network with the given layer sizes, e.g. {@code builder(784, 200, 10)} for the book's. */
    public static NetworkBuilder builder(int... layers) {
        return new NetworkBuilder(layers);
    }

    /**
     * A network from given weights (copied), e.g. read from a file.
     *
     * @param layers      the layer sizes, 2 or more, each positive
     * @param activations one per weight matrix, or a single one used for all
     * @param weights     {@code weights[k]} is {@code layers[k+1] x layers[k]}; not modified
     * @param provenance  how it was made; may be null for "unknown"
     * @throws MynnException when anything does not fit
     */
    public static NeuralNetwork of(int[] layers, List<Activation> activations, double learningRate, DMatrixRMaj[] weights,
            Provenance provenance) {
        return wrap(layers, activations, learningRate, Shapes.copy(weights), provenance);
    }

    /**
     * Like {@link #of}, but the network takes the matrices themselves, not copies, so that a large network is never
     * held twice (a model file being read, a trainer's snapshot): the caller must not use them afterwards.
     */
    public static NeuralNetwork wrap(int[] layers, List<Activation> activations, double learningRate, DMatrixRMaj[] weights,
            Provenance provenance) {
        return wrap(layers, activations, Loss.MSE, learningRate, weights, null, provenance);
    }

    /**
     * A network with a loss and biases from given weights and biases, which it takes themselves (as {@link #wrap}).
     *
     * @param loss   what training makes small; checked to suit the output activation
     * @param biases {@code biases[k]} has {@code layers[k+1]} values; null for a network without biases
     * @throws MynnException when anything does not fit
     */
    public static NeuralNetwork wrap(int[] layers, List<Activation> activations, Loss loss, double learningRate,
            DMatrixRMaj[] weights, double[][] biases, Provenance provenance) {
        return wrap(layers, activations, loss, learningRate, weights, biases, provenance, Kernels.best());
    }

    private static NeuralNetwork wrap(int[] layers, List<Activation> activations, Loss loss, double learningRate,
            DMatrixRMaj[] weights, double[][] biases, Provenance provenance, Kernels kernels) {
        int[] sizes = Shapes.checkLayers(layers);
        Activation[] acts = Shapes.checkActivations(activations, sizes.length - 1);
        Shapes.checkLearningRate(learningRate);
        Objects.requireNonNull(loss, "loss").checkOutput(acts[acts.length - 1]);
        Shapes.checkBiases(biases, sizes);
        DMatrixRMaj[] w = Shapes.checkWeights(weights, sizes);
        return new NeuralNetwork(sizes, acts, loss, w, biases == null ? null : biases.clone(), learningRate,
                provenance == null ? Provenance.NONE : provenance, kernels);
    }

    // ---- the book's three operations ----------------------------------------------------------------------

    /**
     * The forward pass: {@code o = f(W_k ... f(W_0 x))} (with biases {@code f(W_k a + b_k)} at every layer).
     *
     * @param inputs one value per input node; not modified
     * @return the output layer's values, a new array
     */
    public double[] query(double[] inputs) {
        double[][] all = forward(inputs);
        return all[all.length - 1];
    }

    /**
     * The forward pass of {@code count} samples at once, bit for bit {@link #query} of each: every layer is one
     * matrix product over the samples ({@link Kernels#forwardBatch}, which sums each output in the order
     * {@link Kernels#dot} does), so each weight row is read once for several samples instead of once per sample.
     *
     * @param inputs the samples one after the other, {@code count * inputSize()} values; not modified
     * @return the outputs one sample after the other, {@code count * outputSize()} values, a new array
     */
    public double[] queryBatch(double[] inputs, int count) {
        return forward.batch(inputs, count);
    }

    /**
     * The forward pass, keeping every layer's outputs.
     *
     * @param inputs not modified
     * @return {@code out[0]} a copy of the inputs, {@code out[k]} the outputs of layer {@code k}
     */
    public double[][] forward(double[] inputs) {
        return forward.all(inputs);
    }

    /** {@link #forward}, also keeping each layer's signals {@code W_k a_k + b_k} in {@code signals} (for {@link SampleMath}). */
    double[][] forward(double[] inputs, double[][] signals) {
        return forward.all(inputs, signals);
    }

    /**
     * One step of the book's stochastic gradient descent on one sample, in place.
     *
     * <p>With {@code a_k} the outputs of layer {@code k} and {@code e} the output error {@code t - a_L}, for each
     * weight matrix from the last to the first: {@code d = e * f'(a_{k+1})}; the error for the layer before is
     * {@code W_k^T e} ({@link BackpropRule#BOOK}) or {@code W_k^T d} ({@link BackpropRule#GRADIENT}), computed
     * with {@code W_k} before its update; then {@code W_k += lr * d (outer) a_k}, and with biases
     * {@code b_k += lr * d}. The output layer's {@code d} is the {@link Loss}'s delta: for the book's mean squared
     * error {@code e * f'}, for cross-entropy after a softmax simply {@code t - o}. The learning rate and rule are
     * those the network records ({@link #learningRate()}, {@link #rule()}). It is the trainer's per-sample engine on
     * this network's own weights ({@link SampleStep}), so {@link org.mynn.core.train.Trainer} gives the same bits.
     *
     * @param inputs  one value per input node; not modified
     * @param targets one value per output node; not modified
     */
    public void train(double[] inputs, double[] targets) {
        Shapes.checkLength("inputs", inputs, layers[0]);
        Shapes.checkLength("targets", targets, layers[layers.length - 1]);
        if (step == null) {
            double[][] w = new double[weights.length][];
            for (int k = 0; k < w.length; k++) {
                w[k] = weights[k].data;
            }
            step = ServiceLoader.load(SampleStep.Factory.class, NeuralNetwork.class.getClassLoader()).findFirst()
                    // core's own jar registers it: missing, the jar is broken, not the network
                    .orElseThrow(() -> new IllegalStateException("core's per-sample engine (org.mynn.core.train.BookStep)"
                            + " is not registered"))
                    .create(this, w, biases, kernels);
        }
        step.train(inputs, targets);
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
        return Backquery.inputGradient(this, weights, inputs, output);
    }

    /**
     * The seed's reverse pass: what input would make the network give {@code targets}.
     *
     * <p>From the output back: apply the activation's inverse (for a softmax the logarithm, centred to mean 0, since
     * its outputs tell its inputs only up to a shared constant), subtract the bias if there is one, multiply by
     * {@code W_k^T}, then rescale the layer's signals into the middle 98% of the nominal range of the activation that
     * made them (for the sigmoid exactly the seed's {@code v -= min; v /= max; v *= 0.98; v += 0.01}); the input layer
     * is rescaled into [0.01, 0.99].
     *
     * @param targets one value per output node, inside the output activation's range; not modified
     * @return one value per input node, e.g. 784 for a 28x28 picture
     * @throws MynnException when an activation has no inverse or a target lies outside its range
     */
    public double[] backquery(double[] targets) {
        return Backquery.backquery(this, weights, biases, targets);
    }

    /** @return true when every activation has an inverse, so that {@link #backquery} works */
    public boolean canBackquery() {
        return activations().stream().allMatch(Activation::hasInverse);
    }

    /**
     * @param what what needs the inverses, for the message, e.g. "backquery"
     * @throws MynnException naming the first activation without an inverse
     */
    public void requireInverses(String what) {
        Backquery.requireInverses(this, what);
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

    /** @return what training makes small: the book's mean squared error unless made with another */
    public Loss loss() {
        return loss;
    }

    /** @return true when every non-input node has a bias */
    public boolean hasBiases() {
        return biases != null;
    }

    /**
     * @return a copy of bias vector {@code k}, one value per node of layer {@code k + 1}
     * @throws MynnException when the network has no biases
     */
    public double[] biases(int k) {
        if (biases == null) {
            throw new MynnException("this network has no biases");
        }
        return biases[k].clone();
    }

    /** @return every bias vector, copied; null for a network without biases */
    public double[][] allBiases() {
        return Shapes.copy(biases);
    }

    /** @return a copy of weight matrix {@code k}, {@code layers[k+1] x layers[k]}, row-major */
    public DMatrixRMaj weights(int k) {
        return weights[k].copy();
    }

    /**
     * Copies row {@code r} of weight matrix {@code k} (the weights into node {@code r} of layer {@code k + 1}).
     *
     * @param dst modified: {@code layers[k]} values
     */
    public void copyRow(int k, int r, double[] dst) {
        System.arraycopy(weights[k].data, r * layers[k], dst, 0, layers[k]);
    }

    /**
     * @return the number of weights of a network with these layer sizes
     * @throws MynnException when a weight matrix would be larger than a Java array holds
     */
    public static long weightCount(int[] layers) {
        return Shapes.checkSize(layers);
    }

    /** @return the number of weights in all */
    public long weightCount() {
        return Shapes.checkSize(layers);
    }

    /** @return the number of biases: 0 without them, else one per non-input node */
    public long biasCount() {
        return biases == null ? 0 : Arrays.stream(layers, 1, layers.length).asLongStream().sum();
    }

    /** @return the largest weight (or bias) magnitude */
    public double maxAbsWeight() {
        return Shapes.maxAbs(weights, biases);
    }

    /** @return every weight matrix, copied */
    public DMatrixRMaj[] allWeights() {
        return Shapes.copy(weights);
    }

    /**
     * @return the learning rate the network records (the book's constructor parameter, or the run's that trained it):
     *         provenance, which {@link #train} and {@link TrainingSettings#of} take up; a trainer's settings own theirs
     */
    public double learningRate() {
        return learningRate;
    }

    /** @return the backpropagation rule the network records ({@link BackpropRule#BOOK} by default), which {@link #train} uses */
    public BackpropRule rule() {
        return provenance.ruleOrBook();
    }

    /** @return how the network was made */
    public Provenance provenance() {
        return provenance;
    }

    /** @return a copy of this network with another provenance */
    public NeuralNetwork withProvenance(Provenance p) {
        return new NeuralNetwork(layers.clone(), activations.clone(), loss, allWeights(), allBiases(), learningRate,
                Objects.requireNonNull(p), kernels);
    }

    /**
     * A network of this shape, activations, loss and biases with other weights, learning rate and provenance.
     *
     * @param w not modified
     */
    public NeuralNetwork with(DMatrixRMaj[] w, double lr, Provenance p) {
        return wrap(layers, List.of(activations), loss, lr, Shapes.copy(w), allBiases(), p, kernels);
    }

    /**
     * A network of this shape, activations and loss with other weights and biases, which it takes themselves (as
     * {@link #wrap}), e.g. a trainer's snapshot.
     *
     * @param b null exactly when this network has no biases
     */
    public NeuralNetwork wrapLike(DMatrixRMaj[] w, double[][] b, double lr, Provenance p) {
        if ((b == null) != (biases == null)) {
            throw new MynnException(biases == null ? "this network has no biases" : "this network needs its biases");
        }
        return wrap(layers, List.of(activations), loss, lr, w, b, p, kernels);
    }

    /** @return this network on other kernels (the same bits, {@link Kernels}): itself when they are its own */
    public NeuralNetwork withKernels(Kernels k) {
        return k == kernels ? this : new NeuralNetwork(layers.clone(), activations.clone(), loss, allWeights(), allBiases(),
                learningRate, provenance, Objects.requireNonNull(k));
    }

    /** @return an independent deep copy */
    public NeuralNetwork copy() {
        return withProvenance(provenance);
    }

    /** @return true when every weight (and bias) is a finite number */
    public boolean isFinite() {
        return Shapes.allFinite(weights, biases);
    }

    /** @return the layer sizes joined by dashes, e.g. "784-200-10" */
    public String shape() {
        return Shapes.shape(layers);
    }

    @Override
    public String toString() {
        List<String> names = activations().stream().map(Activation::name).toList();
        return "NeuralNetwork" + Arrays.toString(layers) + " " + names + (biases == null ? "" : " biases")
                + (loss == Loss.MSE || loss.name().equals("mse") ? "" : " loss=" + loss.name()) + " lr=" + learningRate;
    }
}
