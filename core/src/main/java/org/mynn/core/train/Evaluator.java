package org.mynn.core.train;

import org.mynn.core.MynnException;
import org.mynn.core.model.NeuralNetwork;

/** Tests a network on labelled samples: the seed's scorecard, plus the error and the confusion matrix. */
public final class Evaluator {

    private Evaluator() {
    }

    /** Sees every sample's outcome during an evaluation. */
    @FunctionalInterface
    public interface Visitor {
        /**
         * @param outputs the network's outputs for sample {@code i}; only valid during the call
         */
        void sample(int i, int label, int predicted, double[] outputs);
    }

    /** @throws MynnException when the data does not fit the network */
    public static Evaluation evaluate(NeuralNetwork net, TrainingData data) {
        return evaluate(net, data, 1, null);
    }

    /**
     * Like {@link #evaluate(NeuralNetwork, TrainingData)}, the samples shared out between {@code threads} threads;
     * the errors are summed in sample order afterwards, so the result is the same whatever the number of threads.
     */
    public static Evaluation evaluate(NeuralNetwork net, TrainingData data, int threads) {
        return evaluate(net, data, threads, null);
    }

    /**
     * Like {@link #evaluate(NeuralNetwork, TrainingData)}, showing each sample's outcome to {@code visitor}.
     *
     * @param visitor may be null
     */
    public static Evaluation evaluate(NeuralNetwork net, TrainingData data, Visitor visitor) {
        return evaluate(net, data, 1, visitor);
    }

    /**
     * Samples per forward pass in {@link #evaluate}: enough that each weight row, once loaded, serves many samples;
     * few enough that the block's inputs stay in the core's L2 cache (64 MNIST images are 400 KB of doubles).
     */
    static final int BLOCK = 64;

    /**
     * Queries the samples in parallel, {@link #BLOCK} at a time as one matrix product per layer
     * ({@link NeuralNetwork#queryBatch}, bit for bit {@link NeuralNetwork#query}), then tallies them (and shows them
     * to {@code visitor}) in sample order.
     */
    private static Evaluation evaluate(NeuralNetwork net, TrainingData data, int threads, Visitor visitor) {
        checkFits(net, data);
        int n = data.size();
        int classes = net.outputSize();
        int inputs = data.inputSize();
        int parts = Math.max(1, Math.min(threads, n / 1000 + 1));
        int[] predicted = new int[n];
        double[] se = new double[n];
        double[][] outputs = visitor == null ? null : new double[n][];
        java.util.stream.IntStream.range(0, parts).parallel().forEach(p -> {
            double[] x = new double[inputs];
            double[] t = new double[classes];
            double[] block = new double[BLOCK * inputs];
            double[] o = new double[classes];
            for (int i0 = (int) ((long) n * p / parts), end = (int) ((long) n * (p + 1) / parts); i0 < end; i0 += BLOCK) {
                int count = Math.min(BLOCK, end - i0);
                for (int s = 0; s < count; s++) {
                    data.input(i0 + s, x);
                    System.arraycopy(x, 0, block, s * inputs, inputs);
                }
                double[] all = net.queryBatch(count == BLOCK ? block : java.util.Arrays.copyOf(block, count * inputs), count);
                for (int s = 0; s < count; s++) {
                    int i = i0 + s;
                    System.arraycopy(all, s * classes, o, 0, classes);
                    data.target(i, t);
                    predicted[i] = argmax(o);
                    double e = 0;
                    for (int k = 0; k < classes; k++) {
                        e += (t[k] - o[k]) * (t[k] - o[k]);
                    }
                    se[i] = e;
                    if (outputs != null) {
                        outputs[i] = o.clone();
                    }
                }
            }
        });
        int[][] confusion = new int[classes][classes];
        int right = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int label = data.label(i);
            confusion[label][predicted[i]]++;
            right += predicted[i] == label ? 1 : 0;
            sum += se[i];
            if (visitor != null) {
                visitor.sample(i, label, predicted[i], outputs[i]);
            }
        }
        int count = Math.max(1, n);
        return new Evaluation((double) right / count, sum / ((double) count * classes), confusion);
    }

    /** @return the index of the largest value, the first one on a tie (as {@code numpy.argmax}) */
    public static int argmax(double[] v) {
        int best = 0;
        for (int k = 1; k < v.length; k++) {
            if (v[k] > v[best]) {
                best = k;
            }
        }
        return best;
    }

    /** @throws MynnException naming both sizes when {@code data} does not fit {@code net} */
    public static void checkFits(NeuralNetwork net, TrainingData data) {
        if (data.inputSize() != net.inputSize()) {
            throw new MynnException(data.name() + " has " + data.inputSize() + " values per sample but the network takes "
                    + net.inputSize() + " inputs");
        }
        if (data.classCount() != net.outputSize()) {
            throw new MynnException(data.name() + " has " + data.classCount() + " classes but the network has "
                    + net.outputSize() + " outputs");
        }
    }
}
