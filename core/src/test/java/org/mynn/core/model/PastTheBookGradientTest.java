package org.mynn.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mynn.core.activation.Activation;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.loss.CrossEntropy;
import org.mynn.core.loss.Loss;

/**
 * One training step under the exact backpropagation rule moves every weight and bias by {@code -lr dL/dp}: checked
 * against central finite differences of the loss, for every loss x output function x bias combination, and for deeper
 * networks.
 */
class PastTheBookGradientTest {

    static final ActivationRegistry ACTS = ActivationRegistry.load();
    static final double H = 1e-6;

    static Stream<Arguments> combinations() {
        List<Arguments> out = new ArrayList<>();
        for (Loss loss : List.of(Loss.MSE, new CrossEntropy())) {
            for (String output : List.of("sigmoid", "softmax", "tanh", "softplus")) {
                Activation f = ACTS.get(output);
                try {
                    loss.checkOutput(f);
                } catch (RuntimeException refused) {
                    continue;
                }
                for (boolean bias : new boolean[] {false, true}) {
                    for (int[] layers : new int[][] {{5, 4, 3}, {6, 5, 4, 4, 3}}) {
                        for (String hidden : List.of("sigmoid", "tanh")) {
                            out.add(Arguments.of(loss, hidden, output, bias, layers));
                        }
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}->{2} bias={3} {4}")
    @MethodSource("combinations")
    void oneStep_movesEveryParameterByMinusLrTimesItsGradient(Loss loss, String hidden, String output, boolean bias, int[] layers) {
        List<Activation> acts = new ArrayList<>();
        for (int k = 0; k < layers.length - 2; k++) {
            acts.add(ACTS.get(hidden));
        }
        acts.add(ACTS.get(output));
        NeuralNetwork net = NeuralNetwork.builder(layers).activations(acts).loss(loss).biases(bias).rule(BackpropRule.GRADIENT)
                .seed(layers.length * 7L + (bias ? 1 : 0)).learningRate(1.0).build();
        if (bias) {
            double[][] b = net.allBiases();
            Random r = new Random(5);
            for (double[] v : b) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = 0.3 * r.nextGaussian();
                }
            }
            net = net.wrapLike(net.allWeights(), b, 1.0, net.provenance());
        }
        Random r = new Random(11);
        double[] x = new double[layers[0]];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.01 + 0.99 * r.nextDouble();
        }
        int outputs = layers[layers.length - 1];
        double[] t = Targets.oneHot(1, outputs);
        loss.targets(1, t, outputs);

        DMatrixRMaj[] w = net.allWeights();
        double[][] b = net.allBiases();
        NeuralNetwork trained = net.copy();
        trained.train(x, t);
        for (int k = 0; k < w.length; k++) {
            DMatrixRMaj after = trained.weights(k);
            for (int i = 0; i < w[k].data.length; i++) {
                double numeric = gradient(net, x, t, k, i, false);
                double step = after.data[i] - w[k].data[i];
                assertThat(step).as("weight matrix %d, weight %d", k, i).isCloseTo(-numeric, within(1e-7 + 1e-5 * Math.abs(numeric)));
            }
            if (bias) {
                double[] bAfter = trained.biases(k);
                for (int i = 0; i < b[k].length; i++) {
                    double numeric = gradient(net, x, t, k, i, true);
                    assertThat(bAfter[i] - b[k][i]).as("bias vector %d, bias %d", k, i)
                            .isCloseTo(-numeric, within(1e-7 + 1e-5 * Math.abs(numeric)));
                }
            }
        }
    }

    /** @return dL/dp for weight {@code i} of matrix {@code k} (or bias {@code i} of vector {@code k}), central differences */
    static double gradient(NeuralNetwork net, double[] x, double[] t, int k, int i, boolean bias) {
        return (loss(shifted(net, k, i, bias, H), x, t) - loss(shifted(net, k, i, bias, -H), x, t)) / (2 * H);
    }

    static NeuralNetwork shifted(NeuralNetwork net, int k, int i, boolean bias, double by) {
        DMatrixRMaj[] w = net.allWeights();
        double[][] b = net.allBiases();
        if (bias) {
            b[k][i] += by;
        } else {
            w[k].data[i] += by;
        }
        return net.wrapLike(w, b, net.learningRate(), net.provenance());
    }

    static double loss(NeuralNetwork net, double[] x, double[] t) {
        double[] o = net.query(x);
        return net.loss().value(o, t, net.activation(net.depth() - 1), o.length);
    }
}
