package org.mynn.core.train;

import org.mynn.core.model.TrainingSettings;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Precision;
import org.mynn.core.model.BackpropRule;
import org.mynn.core.model.Targets;
import org.mynn.core.model.HandComputedTest;
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
        TrainingSettings settings = TrainingSettings.of(start).withPrecision(p).withThreads(threads);
        try (SgdEngine e = new SgdEngine(start, k, settings)) {
            e.train(data, 0, n, null, () -> false);
            return start.with(e.weights(), start.learningRate(), start.provenance());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BackpropRule.class)
    void fusedPipeline_isBitForBitTheSameAsTrainOnEachSample(BackpropRule rule) {
        Random784 data = new Random784(300, 784, 10, 1);
        for (NeuralNetwork start : List.of(book(1), deep(rule))) {
            NeuralNetwork stepwise = start.copy();
            trainStepByStep(stepwise, data, 300);
            NeuralNetwork fused = engine(start, data, 300, Kernels.best(), Precision.DOUBLE, 1);
            assertThat(bits(fused)).isEqualTo(bits(stepwise));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Precision.class)
    void anyNumberOfThreads_givesBitIdenticalWeights(Precision precision) {
        Random784 data = new Random784(400, 784, 10, 2);
        for (NeuralNetwork start : List.of(book(2), deep(BackpropRule.BOOK))) {
            long[] one = bits(engine(start, data, 400, Kernels.best(), precision, 1));
            assertThat(bits(engine(start, data, 400, Kernels.best(), precision, 2))).isEqualTo(one);
            assertThat(bits(engine(start, data, 400, Kernels.best(), precision, 3))).isEqualTo(one);
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
        NeuralNetwork d = engine(start, data, 1000, Kernels.best(), Precision.DOUBLE, 1);
        NeuralNetwork f = engine(start, data, 1000, Kernels.best(), Precision.FLOAT, 2);
        double maxAbs = 0;
        for (int k = 0; k < d.depth(); k++) {
            double[] dw = d.weights(k).data;
            double[] fw = f.weights(k).data;
            for (int i = 0; i < dw.length; i++) {
                maxAbs = Math.max(maxAbs, Math.abs(dw[i] - fw[i]));
            }
        }
        assertThat(maxAbs).isLessThan(1e-4).isGreaterThan(0);
    }

    @Test
    void oneSample_matchesTheSeedsUnfusedMath_onTheBookExample() {
        NeuralNetwork start = HandComputedTest.bookExample(0.3);
        TrainingData one = new TrainingData() {
            public String name() {
                return "the book's example";
            }

            public int size() {
                return 1;
            }

            public int inputSize() {
                return 3;
            }

            public int classCount() {
                return 3;
            }

            public void input(int i, double[] out) {
                System.arraycopy(new double[] {0.9, 0.1, 0.8}, 0, out, 0, 3);
            }

            public void target(int i, double[] out) {
                System.arraycopy(new double[] {0.99, 0.01, 0.01}, 0, out, 0, 3);
            }

            public int label(int i) {
                return 0;
            }
        };
        NeuralNetwork net;
        try (SgdEngine e = new SgdEngine(start, new ScalarKernels(), TrainingSettings.of(start))) {
            e.train(one, 0, 1, null, () -> false);
            net = start.with(e.weights(), start.learningRate(), start.provenance());
        }
        assertThat(net.weights(1).get(0, 0)).isCloseTo(0.311972584241744, within(1e-12));
        assertThat(net.weights(0).get(2, 2)).isCloseTo(0.5618369478469368, within(1e-12));
    }

    @Test
    void batchEngine_oneBatchIsTheAverageOfPerSampleSteps_andThreadsDoNotChangeIt() {
        Random784 data = new Random784(12, 784, 10, 5);
        NeuralNetwork start = NeuralNetwork.builder(784, 20, 10).learningRate(0.4).seed(5).build();
        NeuralNetwork batched;
        try (BatchEngine e = new BatchEngine(start, Kernels.best(), TrainingSettings.of(start).withBatch(12))) {
            e.train(data, 0, 12, null, () -> false);
            batched = start.with(e.weights(), start.learningRate(), start.provenance());
        }
        double[] x = new double[784];
        double[] t = new double[10];
        double[][] sum = new double[2][];
        double[][] w0 = {start.weights(0).data, start.weights(1).data};
        sum[0] = new double[w0[0].length];
        sum[1] = new double[w0[1].length];
        for (int i = 0; i < 12; i++) {
            NeuralNetwork one = start.copy();
            data.input(i, x);
            data.target(i, t);
            one.train(x, t);
            for (int k = 0; k < 2; k++) {
                double[] w1 = one.weights(k).data;
                for (int j = 0; j < sum[k].length; j++) {
                    sum[k][j] += w1[j] - w0[k][j];
                }
            }
        }
        for (int k = 0; k < 2; k++) {
            double[] wb = batched.weights(k).data;
            for (int j = 0; j < sum[k].length; j++) {
                assertThat(wb[j]).isCloseTo(w0[k][j] + sum[k][j] / 12, within(1e-12));
            }
        }
        Random784 more = new Random784(250, 784, 10, 6);
        NeuralNetwork two;
        NeuralNetwork three;
        TrainingSettings batch32 = TrainingSettings.of(start).withBatch(32);
        try (BatchEngine e1 = new BatchEngine(start, Kernels.best(), batch32); BatchEngine e3 = new BatchEngine(start, Kernels.best(),
                batch32.withThreads(3))) {
            e1.train(more, 0, 250, null, () -> false);
            e3.train(more, 0, 250, null, () -> false);
            two = start.with(e1.weights(), start.learningRate(), start.provenance());
            three = start.with(e3.weights(), start.learningRate(), start.provenance());
        }
        assertThat(bits(three)).isEqualTo(bits(two));

        // in float: the same steps to float accuracy, and the same bits on any number of threads
        TrainingSettings float32 = batch32.withPrecision(org.mynn.core.model.Precision.FLOAT);
        try (BatchEngine f1 = new BatchEngine(start, Kernels.best(), float32); BatchEngine f3 = new BatchEngine(start,
                Kernels.best(), float32.withThreads(3))) {
            f1.train(more, 0, 250, null, () -> false);
            f3.train(more, 0, 250, null, () -> false);
            NeuralNetwork one = start.with(f1.weights(), start.learningRate(), start.provenance());
            NeuralNetwork other = start.with(f3.weights(), start.learningRate(), start.provenance());
            assertThat(bits(other)).isEqualTo(bits(one));
            for (int k = 0; k < 2; k++) {
                double[] wf = one.weights(k).data;
                double[] wd = two.weights(k).data;
                for (int j = 0; j < wf.length; j++) {
                    assertThat(wf[j]).isCloseTo(wd[j], within(1e-5));
                }
            }
            assertThat(f1.lossSum()).isCloseTo(e1LossOf(start, more, batch32), within(1e-3));
        }
    }

    private static double e1LossOf(NeuralNetwork start, TrainingData data, TrainingSettings s) {
        try (BatchEngine e = new BatchEngine(start, Kernels.best(), s)) {
            e.train(data, 0, data.size(), null, () -> false);
            return e.lossSum();
        }
    }

    @Test
    void trainer_withTwoThreads_equalsTheTrainerWithOne() {
        TrainerTest.Bands data = TrainerTest.Bands.of("bands", 2000, 1);
        NeuralNetwork a = NeuralNetwork.builder(3, 16, 3).seed(2).learningRate(0.3).build();
        NeuralNetwork b = a.copy();
        a = new Trainer(TrainingSettings.of(a), TrainingListener.NONE).fit(a, data, null, 2);
        b = new Trainer(TrainingSettings.of(b).withThreads(2), TrainingListener.NONE).fit(b, data, null, 2);
        assertThat(bits(b)).isEqualTo(bits(a));
        assertThat(b.provenance().precision().label()).isEqualTo("double");
        assertThat(b.provenance().batch()).isEqualTo(1);
    }

    static double maxRelative(NeuralNetwork a, NeuralNetwork b) {
        double m = 0;
        for (int k = 0; k < a.depth(); k++) {
            double[] aw = a.weights(k).data;
            double[] bw = b.weights(k).data;
            for (int i = 0; i < aw.length; i++) {
                m = Math.max(m, Math.abs(aw[i] - bw[i]) / Math.max(1e-3, Math.abs(aw[i])));
            }
        }
        return m;
    }
}
