package org.mynn.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.kernel.Kernels;
import org.mynn.core.kernel.ScalarKernels;
import org.mynn.core.kernel.VectorKernels;
import org.mynn.core.train.TrainerTest;
import org.mynn.core.train.TrainingData;

/** The training engines agree: fused with step by step, threads with one thread, scalar with vector, float with double. */
class EngineTest {

    /** Random samples shaped like MNIST's encoding: inputs 0.01..1.0, targets 0.01/0.99. */
    record Random784(int size, int inputSize, int classCount, long seed) implements TrainingData {
        @Override
        public String name() {
            return "random";
        }

        @Override
        public void input(int i, double[] out) {
            Random r = new Random(seed * 1_000_003L + i);
            for (int j = 0; j < out.length; j++) {
                out[j] = r.nextInt(4) == 0 ? 0.01 + 0.99 * r.nextDouble() : 0.01;
            }
        }

        @Override
        public void target(int i, double[] out) {
            Targets.oneHot(label(i), out);
        }

        @Override
        public int label(int i) {
            return new Random(seed * 7 + i).nextInt(classCount);
        }
    }

    static NeuralNetwork book(long seed) {
        return NeuralNetwork.builder(784, 50, 10).seed(seed).build();
    }

    static NeuralNetwork deep(BackpropRule rule) {
        ActivationRegistry reg = ActivationRegistry.load();
        return NeuralNetwork.builder(784, 33, 17, 10).activations(List.of(reg.get("tanh"), reg.get("softplus"), reg.get("sigmoid")))
                .rule(rule).learningRate(0.05).seed(4).build();
    }

    static long[] bits(NeuralNetwork net) {
        int total = 0;
        for (int k = 0; k < net.depth(); k++) {
            total += net.weights(k).getNumElements();
        }
        long[] out = new long[total];
        int p = 0;
        for (int k = 0; k < net.depth(); k++) {
            for (double v : net.weights(k).data) {
                out[p++] = Double.doubleToRawLongBits(v);
            }
        }
        return out;
    }

    static void trainStepByStep(NeuralNetwork net, TrainingData data, int n) {
        double[] x = new double[data.inputSize()];
        double[] t = new double[data.classCount()];
        for (int i = 0; i < n; i++) {
            data.input(i, x);
            data.target(i, t);
            net.train(x, t);
        }
    }

    static NeuralNetwork engine(NeuralNetwork start, TrainingData data, int n, Kernels k, Precision p, int threads) {
        NeuralNetwork net = start.copy();
        try (SgdEngine e = new SgdEngine(net, k, p, threads)) {
            e.train(data, 0, n, null);
            e.writeBack();
        }
        return net;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BackpropRule.class)
    void fusedPipeline_isBitForBitTheSameAsTrainOnEachSample(BackpropRule rule) {
        Random784 data = new Random784(300, 784, 10, 1);
        for (NeuralNetwork start : List.of(book(1), deep(rule))) {
            NeuralNetwork stepwise = start.copy();
            trainStepByStep(stepwise, data, 300);
            NeuralNetwork fused = engine(start, data, 300, Kernels.DEFAULT, Precision.DOUBLE, 1);
            assertThat(bits(fused)).isEqualTo(bits(stepwise));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Precision.class)
    void anyNumberOfThreads_givesBitIdenticalWeights(Precision precision) {
        Random784 data = new Random784(400, 784, 10, 2);
        for (NeuralNetwork start : List.of(book(2), deep(BackpropRule.BOOK))) {
            long[] one = bits(engine(start, data, 400, Kernels.DEFAULT, precision, 1));
            assertThat(bits(engine(start, data, 400, Kernels.DEFAULT, precision, 2))).isEqualTo(one);
            assertThat(bits(engine(start, data, 400, Kernels.DEFAULT, precision, 3))).isEqualTo(one);
            assertThat(bits(engine(start, data, 400, new ScalarKernels(), precision, 2)))
                    .isEqualTo(bits(engine(start, data, 400, new ScalarKernels(), precision, 1)));
        }
    }

    @Test
    void scalarAndVectorKernels_agreeWithin1e9Relative_after100Samples() {
        Random784 data = new Random784(100, 784, 10, 3);
        for (NeuralNetwork start : List.of(book(3), deep(BackpropRule.GRADIENT))) {
            NeuralNetwork s = engine(start, data, 100, new ScalarKernels(), Precision.DOUBLE, 1);
            NeuralNetwork v = engine(start, data, 100, new VectorKernels(), Precision.DOUBLE, 2);
            assertThat(maxRelative(s, v)).isLessThan(1e-9).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void float_staysWithin1e4OfDouble_after1000Samples() {
        Random784 data = new Random784(1000, 784, 10, 4);
        NeuralNetwork start = book(4);
        NeuralNetwork d = engine(start, data, 1000, Kernels.DEFAULT, Precision.DOUBLE, 1);
        NeuralNetwork f = engine(start, data, 1000, Kernels.DEFAULT, Precision.FLOAT, 2);
        double maxAbs = 0;
        for (int k = 0; k < d.depth(); k++) {
            for (int i = 0; i < d.weights(k).getNumElements(); i++) {
                maxAbs = Math.max(maxAbs, Math.abs(d.weights(k).data[i] - f.weights(k).data[i]));
            }
        }
        assertThat(maxAbs).isLessThan(1e-4).isGreaterThan(0);
    }

    @Test
    void trainOne_matchesTheSeedsUnfusedMath_onTheBookExample() {
        NeuralNetwork net = HandComputedTest.bookExample(0.3);
        try (SgdEngine e = new SgdEngine(net, new ScalarKernels(), Precision.DOUBLE, 1)) {
            e.trainOne(new double[] {0.9, 0.1, 0.8}, new double[] {0.99, 0.01, 0.01});
        }
        assertThat(net.weights(1).get(0, 0)).isCloseTo(0.311972584241744, within(1e-12));
        assertThat(net.weights(0).get(2, 2)).isCloseTo(0.5618369478469368, within(1e-12));
    }

    @Test
    void batchEngine_oneBatchIsTheAverageOfPerSampleSteps_andThreadsDoNotChangeIt() {
        Random784 data = new Random784(12, 784, 10, 5);
        NeuralNetwork start = NeuralNetwork.builder(784, 20, 10).learningRate(0.4).seed(5).build();
        NeuralNetwork batched = start.copy();
        try (BatchEngine e = new BatchEngine(batched, Kernels.DEFAULT, 12, 1)) {
            e.train(data, 0, 12, null);
        }
        double[] x = new double[784];
        double[] t = new double[10];
        double[][] sum = new double[2][];
        sum[0] = new double[start.weights(0).getNumElements()];
        sum[1] = new double[start.weights(1).getNumElements()];
        for (int i = 0; i < 12; i++) {
            NeuralNetwork one = start.copy();
            data.input(i, x);
            data.target(i, t);
            one.train(x, t);
            for (int k = 0; k < 2; k++) {
                for (int j = 0; j < sum[k].length; j++) {
                    sum[k][j] += one.weights(k).data[j] - start.weights(k).data[j];
                }
            }
        }
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < sum[k].length; j++) {
                assertThat(batched.weights(k).data[j]).isCloseTo(start.weights(k).data[j] + sum[k][j] / 12, within(1e-12));
            }
        }
        NeuralNetwork two = start.copy();
        NeuralNetwork three = start.copy();
        Random784 more = new Random784(250, 784, 10, 6);
        try (BatchEngine e1 = new BatchEngine(two, Kernels.DEFAULT, 32, 1); BatchEngine e3 = new BatchEngine(three, Kernels.DEFAULT, 32, 3)) {
            e1.train(more, 0, 250, null);
            e3.train(more, 0, 250, null);
        }
        assertThat(bits(three)).isEqualTo(bits(two));
    }

    @Test
    void trainer_withTwoThreads_equalsTheTrainerWithOne() {
        TrainerTest.Bands data = TrainerTest.Bands.of("bands", 2000, 1);
        NeuralNetwork a = NeuralNetwork.builder(3, 16, 3).seed(2).learningRate(0.3).build();
        NeuralNetwork b = a.copy();
        new org.mynn.core.train.Trainer(org.mynn.core.train.TrainingListener.NONE,
                new org.mynn.core.train.TrainingOptions(1, Precision.DOUBLE, 1)).fit(a, data, null, 2);
        new org.mynn.core.train.Trainer(org.mynn.core.train.TrainingListener.NONE,
                new org.mynn.core.train.TrainingOptions(2, Precision.DOUBLE, 1)).fit(b, data, null, 2);
        assertThat(bits(b)).isEqualTo(bits(a));
        assertThat(b.facts().getPrecision()).isEqualTo("double");
        assertThat(b.facts().getBatch()).isEqualTo(1);
    }

    static double maxRelative(NeuralNetwork a, NeuralNetwork b) {
        double m = 0;
        for (int k = 0; k < a.depth(); k++) {
            for (int i = 0; i < a.weights(k).getNumElements(); i++) {
                double x = a.weights(k).data[i];
                double y = b.weights(k).data[i];
                m = Math.max(m, Math.abs(x - y) / Math.max(1e-3, Math.abs(x)));
            }
        }
        return m;
    }
}
