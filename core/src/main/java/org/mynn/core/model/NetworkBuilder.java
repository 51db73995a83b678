package org.mynn.core.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.mynn.core.Memory;
import org.mynn.core.activation.Activation;
import org.mynn.core.activation.Sigmoid;
import org.mynn.core.kernel.Kernels;
import org.mynn.core.loss.Loss;

/** Builds a network with freshly drawn weights: {@code NeuralNetwork.builder(784, 200, 10).seed(1).build()}. */
public final class NetworkBuilder {

    private final int[] layers;
    private List<Activation> activations = List.of(new Sigmoid());
    private double learningRate = 0.1;
    private WeightInit init = WeightInit.RECEIVING;
    private BackpropRule rule = BackpropRule.BOOK;
    private Loss loss = Loss.MSE;
    private boolean biases;
    private Long seed;

    NetworkBuilder(int[] layers) {
        this.layers = Shapes.checkLayers(layers);
    }

    /** One activation for every weight matrix (default: the sigmoid). */
    public NetworkBuilder activation(Activation activation) {
        this.activations = List.of(activation);
        return this;
    }

    /** One activation per weight matrix, or a single one for all. */
    public NetworkBuilder activations(List<Activation> activations) {
        this.activations = List.copyOf(activations);
        return this;
    }

    /** Default 0.1, the seed's. */
    public NetworkBuilder learningRate(double learningRate) {
        Shapes.checkLearningRate(learningRate);
        this.learningRate = learningRate;
        return this;
    }

    /** Default {@link WeightInit#RECEIVING}, the seed's. */
    public NetworkBuilder init(WeightInit init) {
        this.init = Objects.requireNonNull(init, "init");
        return this;
    }

    /** Default {@link BackpropRule#BOOK}. */
    public NetworkBuilder rule(BackpropRule rule) {
        this.rule = Objects.requireNonNull(rule, "rule");
        return this;
    }

    /** Default the book's mean squared error; cross-entropy wants a softmax (or sigmoid) output layer. */
    public NetworkBuilder loss(Loss loss) {
        this.loss = Objects.requireNonNull(loss, "loss");
        return this;
    }

    /** With {@code true} every non-input node gets a bias, starting at 0; default none, as in the book. */
    public NetworkBuilder biases(boolean biases) {
        this.biases = biases;
        return this;
    }

    /** Same seed, same weights, bit for bit. Without one a random seed is drawn and recorded. */
    public NetworkBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * Draws every weight of matrix {@code k} from {@code Normal(0, init.std(rows, cols))} with
     * {@code java.util.Random(seed).nextGaussian()}, matrix after matrix, row-major.
     */
    public NeuralNetwork build() {
        Activation[] acts = Shapes.checkActivations(activations, layers.length - 1);
        loss.checkOutput(acts[acts.length - 1]);
        long weights = Shapes.checkSize(layers);
        Memory.require(8 * weights, String.format(Locale.ROOT, "a %s network's %,d weights", Shapes.shape(layers), weights));
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
        double[][] b = null;
        if (biases) {
            b = new double[w.length][];
            for (int k = 0; k < w.length; k++) {
                b[k] = new double[layers[k + 1]];
            }
        }
        Provenance p = new Provenance.Builder().seed(s).init(init).rule(rule).epochs(0).samplesSeen(0L)
                .created(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()).build();
        return new NeuralNetwork(layers.clone(), acts, loss, w, b, learningRate, p, Kernels.best());
    }
}
