package org.mynn.core.model;

import org.mynn.core.Tolerance;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mynn.core.activation.Activation;
import org.mynn.core.activation.ActivationRegistry;

/**
 * Train steps follow the gradient of {@code E = 0.5 * sum((t - o)^2)}: a step changes each weight by
 * {@code -lr * dE/dw}, with {@code dE/dw} measured by central finite differences, for every built-in activation.
 *
 * <p>The book's rule is exact gradient descent for the last weight matrix; its earlier matrices receive the error
 * {@code W^T e} without the later layers' {@code f'} (the book's simplification), so for them the exact gradient
 * is checked under {@link BackpropRule#GRADIENT}, and the book's rule is checked to differ from it.
 */
class GradientCheckTest {

    static Stream<Activation> builtIns() {
        return ActivationRegistry.load().all().stream();
    }

    /** Inputs and targets chosen inside every activation's smooth region (no kinks at 0 for relu). */
    static NeuralNetwork net(Activation f, BackpropRule rule, long seed) {
        return NeuralNetwork.builder(5, 4, 3, 3).activation(f).learningRate(0.05).rule(rule).seed(seed).build();
    }

    static double[] inputs() {
        return new double[] {0.3, 0.9, 0.15, 0.6, 0.45};
    }

    static double[] targets(Activation f) {
        return f.outputRange().lower() < 0 ? new double[] {0.5, -0.2, 0.1} : new double[] {0.8, 0.2, 0.05};
    }

    static double loss(NeuralNetwork net, double[] x, double[] t) {
        double[] o = net.query(x);
        double sum = 0;
        for (int i = 0; i < o.length; i++) {
            sum += 0.5 * (t[i] - o[i]) * (t[i] - o[i]);
        }
        return sum;
    }

    static DMatrixRMaj numericGradient(NeuralNetwork net, int k, double[] x, double[] t) {
        DMatrixRMaj[] all = net.allWeights();
        DMatrixRMaj w = all[k];
        DMatrixRMaj g = new DMatrixRMaj(w.numRows, w.numCols);
        for (int i = 0; i < w.getNumElements(); i++) {
            double keep = w.data[i];
            w.data[i] = keep + Tolerance.FD_STEP;
            double up = loss(net.with(all, net.learningRate(), net.provenance()), x, t);
            w.data[i] = keep - Tolerance.FD_STEP;
            double down = loss(net.with(all, net.learningRate(), net.provenance()), x, t);
            w.data[i] = keep;
            g.data[i] = (up - down) / (2 * Tolerance.FD_STEP);
        }
        return g;
    }

    /** @return the change one train step makes to matrix k, divided by -lr: the gradient the step followed */
    static DMatrixRMaj stepDirection(NeuralNetwork net, int k, double[] x, double[] t) {
        NeuralNetwork copy = net.copy();
        copy.train(x, t);
        DMatrixRMaj before = net.weights(k);
        DMatrixRMaj after = copy.weights(k);
        DMatrixRMaj dir = new DMatrixRMaj(before.numRows, before.numCols);
        for (int i = 0; i < dir.getNumElements(); i++) {
            dir.data[i] = (after.data[i] - before.data[i]) / -net.learningRate();
        }
        return dir;
    }

    static double maxAbsDiff(DMatrixRMaj a, DMatrixRMaj b) {
        double m = 0;
        for (int i = 0; i < a.getNumElements(); i++) {
            m = Math.max(m, Math.abs(a.data[i] - b.data[i]));
        }
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtIns")
    void gradientRule_everyMatrix_stepIsMinusLrTimesFiniteDifferenceGradient(Activation f) {
        for (long seed = 1; seed <= 3; seed++) {
            NeuralNetwork net = net(f, BackpropRule.GRADIENT, seed);
            for (int k = 0; k < net.depth(); k++) {
                DMatrixRMaj numeric = numericGradient(net, k, inputs(), targets(f));
                DMatrixRMaj step = stepDirection(net, k, inputs(), targets(f));
                assertThat(maxAbsDiff(numeric, step)).as("%s, seed %d, matrix %d", f.name(), seed, k)
                        .isLessThan(Tolerance.FINITE_DIFFERENCE);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtIns")
    void bookRule_lastMatrix_stepIsMinusLrTimesFiniteDifferenceGradient(Activation f) {
        NeuralNetwork net = net(f, BackpropRule.BOOK, 7);
        int last = net.depth() - 1;
        DMatrixRMaj numeric = numericGradient(net, last, inputs(), targets(f));
        DMatrixRMaj step = stepDirection(net, last, inputs(), targets(f));
        assertThat(maxAbsDiff(numeric, step)).isLessThan(Tolerance.FINITE_DIFFERENCE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtIns")
    void bookRule_twoLayerNetwork_isExactGradientDescent(Activation f) {
        NeuralNetwork net = NeuralNetwork.builder(5, 3).activation(f).learningRate(0.05).seed(11).build();
        DMatrixRMaj numeric = numericGradient(net, 0, inputs(), targets(f));
        assertThat(maxAbsDiff(numeric, stepDirection(net, 0, inputs(), targets(f)))).isLessThan(Tolerance.FINITE_DIFFERENCE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtIns")
    void bookRule_firstMatrix_differsFromGradientByTheOmittedDerivative(Activation f) {
        if (f.name().equals("relu") || f.name().equals("leaky-relu")) {
            return; // f' is 1 on the positive side: the book's omission changes nothing there to detect
        }
        NeuralNetwork net = net(f, BackpropRule.BOOK, 7);
        DMatrixRMaj numeric = numericGradient(net, 0, inputs(), targets(f));
        assertThat(maxAbsDiff(numeric, stepDirection(net, 0, inputs(), targets(f)))).isGreaterThan(1e-4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtIns")
    void inputGradient_isTheFiniteDifferenceOfTheOutput(Activation f) {
        NeuralNetwork net = net(f, BackpropRule.BOOK, 5);
        double[] x = inputs();
        for (int out = 0; out < 3; out++) {
            double[] g = net.inputGradient(x, out);
            for (int j = 0; j < x.length; j++) {
                double[] up = x.clone();
                double[] down = x.clone();
                up[j] += Tolerance.FD_STEP;
                down[j] -= Tolerance.FD_STEP;
                double numeric = (net.query(up)[out] - net.query(down)[out]) / (2 * Tolerance.FD_STEP);
                assertThat(g[j]).as("%s d out[%d] / d x[%d]", f.name(), out, j).isCloseTo(numeric,
                        org.assertj.core.api.Assertions.within(Tolerance.FINITE_DIFFERENCE));
            }
        }
    }

    @org.junit.jupiter.api.Test
    void gradientRule_randomDeepNetwork_sigmoidAndTanhMixed() {
        ActivationRegistry reg = ActivationRegistry.load();
        NeuralNetwork net = NeuralNetwork.builder(6, 5, 4, 2)
                .activations(List.of(reg.get("tanh"), reg.get("softplus"), reg.get("sigmoid")))
                .rule(BackpropRule.GRADIENT).learningRate(0.2).seed(3).build();
        Random r = new Random(345);
        double[] x = r.doubles(6).toArray();
        double[] t = {0.7, 0.2};
        for (int k = 0; k < net.depth(); k++) {
            assertThat(maxAbsDiff(numericGradient(net, k, x, t), stepDirection(net, k, x, t)))
                    .as("matrix %d", k).isLessThan(Tolerance.FINITE_DIFFERENCE);
        }
    }
}
