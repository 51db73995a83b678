package org.mynn.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mynn.core.Registry;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.loss.CrossEntropy;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Precision;
import org.mynn.core.model.TrainingSettings;
import org.mynn.core.optimize.Configured;
import org.mynn.core.optimize.Optimizer;
import org.mynn.core.optimize.Schedule;

/**
 * The fast engines do what the definitions say with biases, softmax and cross-entropy, and every optimizer: the per-sample
 * engine is bit for bit the network's own training step, the mini-batch engine the average of the per-sample gradients,
 * and optimizers step as their formulas say, whatever the number of threads.
 */
class PastTheBookEngineTest {

    static final ActivationRegistry ACTS = ActivationRegistry.load();
    static final Registry<Optimizer> OPTIMIZERS = Registry.load(Optimizer.class, PastTheBookEngineTest.class.getClassLoader(),
            "optimizer");

    static NeuralNetwork softmaxNet(boolean bias) {
        return NeuralNetwork.builder(64, 24, 4).activations(List.of(ACTS.get("sigmoid"), ACTS.get("softmax")))
                .loss(new CrossEntropy()).biases(bias).learningRate(0.05).seed(21).build();
    }

    static long[] bits(NeuralNetwork net) {
        Stream<double[]> w = Stream.of(net.allWeights()).map(m -> m.data);
        Stream<double[]> b = net.hasBiases() ? Stream.of(net.allBiases()) : Stream.empty();
        return Stream.concat(w, b).flatMapToDouble(java.util.Arrays::stream).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    @Test
    void perSampleEngine_withBiasesSoftmaxAndCrossEntropy_isTheNetworksOwnStep_bitForBit_onAnyThreads() {
        ResumeTest.Samples data = new ResumeTest.Samples(300);
        NeuralNetwork byHand = softmaxNet(true).copy();
        double[] x = new double[64];
        double[] t = new double[4];
        for (int epoch = 0; epoch < 2; epoch++) {
            for (int i = 0; i < data.size(); i++) {
                data.input(i, x);
                data.target(i, t);
                byHand.loss().targets(data.label(i), t, 4);
                byHand.train(x, t);
            }
        }
        for (int threads : new int[] {1, 2, 3}) {
            NeuralNetwork engine = new Trainer(TrainingSettings.of(softmaxNet(true)).withThreads(threads), TrainingListener.NONE)
                    .fit(softmaxNet(true), data, null, 2);
            assertThat(bits(engine)).as("%d threads", threads).isEqualTo(bits(byHand));
        }
    }

    @Test
    void batchEngine_stepsByTheAverageOfThePerSampleGradients() {
        ResumeTest.Samples data = new ResumeTest.Samples(5);
        NeuralNetwork start = softmaxNet(true);
        double lr = start.learningRate();
        NeuralNetwork batched = new Trainer(TrainingSettings.of(start).withBatch(5).withThreads(2), TrainingListener.NONE)
                .fit(start, data, null, 1);
        double[][] expectW = new double[2][];
        double[][] expectB = new double[2][];
        for (int k = 0; k < 2; k++) {
            expectW[k] = start.weights(k).data.clone();
            expectB[k] = start.biases(k);
        }
        double[] x = new double[64];
        double[] t = new double[4];
        for (int i = 0; i < 5; i++) {
            NeuralNetwork one = start.copy();
            data.input(i, x);
            data.target(i, t);
            one.loss().targets(data.label(i), t, 4);
            one.train(x, t);
            for (int k = 0; k < 2; k++) {
                double[] w0 = start.weights(k).data;
                double[] w1 = one.weights(k).data;
                for (int j = 0; j < w0.length; j++) {
                    expectW[k][j] += (w1[j] - w0[j]) / 5;
                }
                double[] b0 = start.biases(k);
                double[] b1 = one.biases(k);
                for (int j = 0; j < b0.length; j++) {
                    expectB[k][j] += (b1[j] - b0[j]) / 5;
                }
            }
        }
        for (int k = 0; k < 2; k++) {
            double[] got = batched.weights(k).data;
            for (int j = 0; j < got.length; j++) {
                assertThat(got[j]).as("matrix %d weight %d", k, j).isCloseTo(expectW[k][j], within(1e-12 * lr));
            }
            double[] gb = batched.biases(k);
            for (int j = 0; j < gb.length; j++) {
                assertThat(gb[j]).as("bias vector %d value %d", k, j).isCloseTo(expectB[k][j], within(1e-12 * lr));
            }
        }
    }

    static Stream<String> optimizers() {
        return Stream.of("sgd", "momentum", "nesterov:0.8", "adam");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void everyOptimizer_givesTheSameBitsOnAnyNumberOfThreads_inBothEngines_andLearns(String spec) {
        ResumeTest.Samples data = new ResumeTest.Samples(400);
        Configured o = Configured.parse(spec, OPTIMIZERS);
        double lr = spec.startsWith("adam") ? 0.002 : 0.05;
        for (int batch : new int[] {1, 8}) {
            TrainingSettings s = TrainingSettings.of(softmaxNet(true)).withLearningRate(lr).withOptimizer(o).withBatch(batch)
                    .withSchedule(Schedule.parse("step:1:0.5"));
            NeuralNetwork one = new Trainer(s.withThreads(1), TrainingListener.NONE).fit(softmaxNet(true), data, null, 3);
            NeuralNetwork two = new Trainer(s.withThreads(2), TrainingListener.NONE).fit(softmaxNet(true), data, null, 3);
            assertThat(bits(two)).as("batch %d", batch).isEqualTo(bits(one));
            List<Double> losses = one.provenance().history().stream().map(e -> e.loss()).toList();
            assertThat(losses.get(2)).as("the training loss falls, batch %d: %s", batch, losses).isLessThan(losses.get(0));
            assertThat(one.provenance().optimizer()).isEqualTo(o.plain() ? null : spec);
            assertThat(one.provenance().schedule()).isEqualTo("step:1:0.5");
        }
        TrainingSettings f = TrainingSettings.of(softmaxNet(true)).withLearningRate(lr).withOptimizer(o)
                .withPrecision(Precision.FLOAT).withThreads(2);
        NeuralNetwork inFloat = new Trainer(f, TrainingListener.NONE).fit(softmaxNet(true), data, null, 2);
        assertThat(inFloat.isFinite()).isTrue();
        assertThat(inFloat.provenance().history().get(1).loss()).isLessThan(inFloat.provenance().history().get(0).loss());

        // float mini-batches: the same bits on any number of threads, and the double run's weights to float accuracy
        TrainingSettings fb = f.withBatch(8).withSchedule(Schedule.parse("step:1:0.5"));
        NeuralNetwork f1 = new Trainer(fb.withThreads(1), TrainingListener.NONE).fit(softmaxNet(true), data, null, 3);
        NeuralNetwork f3 = new Trainer(fb.withThreads(3), TrainingListener.NONE).fit(softmaxNet(true), data, null, 3);
        assertThat(bits(f3)).isEqualTo(bits(f1));
        assertThat(f1.provenance().precision()).isEqualTo(Precision.FLOAT);
        NeuralNetwork d1 = new Trainer(fb.withPrecision(Precision.DOUBLE).withThreads(1), TrainingListener.NONE)
                .fit(softmaxNet(true), data, null, 3);
        for (int l = 0; l < 2; l++) {
            double[] wf = f1.weights(l).data;
            double[] wd = d1.weights(l).data;
            for (int j = 0; j < wf.length; j++) {
                assertThat(wf[j]).as("layer %d weight %d", l, j).isCloseTo(wd[j], within(2e-4));
                assertThat((double) (float) wf[j]).isEqualTo(wf[j]);
            }
            for (int r = 0; r < f1.allBiases()[l].length; r++) {
                assertThat(f1.allBiases()[l][r]).isCloseTo(d1.allBiases()[l][r], within(2e-4));
            }
        }
    }

    /**
     * A network of one sigmoid node with one input and a bias, trained on one sample three times: the weights after each
     * step, computed here from the formulas of classical momentum and of Adam, are the engine's.
     */
    @Test
    void firstThreeSteps_ofMomentumAndAdam_areTheHandComputedOnes() {
        double x = 0.8;
        double target = 0.99;
        for (String spec : List.of("momentum:0.9", "adam")) {
            NeuralNetwork start = NeuralNetwork.builder(1, 1).biases(true).learningRate(0.5).seed(3).build();
            double w = start.weights(0).data[0];
            double b = 0;
            double vw = 0;
            double vb = 0;
            double mw = 0;
            double mb = 0;
            double sw = 0;
            double sb = 0;
            double lr = 0.5;
            TrainingData one = new TrainingData() {
                public String name() {
                    return "one";
                }

                public int size() {
                    return 1;
                }

                public int inputSize() {
                    return 1;
                }

                public int classCount() {
                    return 1;
                }

                public void input(int i, double[] out) {
                    out[0] = x;
                }

                public void target(int i, double[] out) {
                    out[0] = target;
                }

                public int label(int i) {
                    return 0;
                }
            };
            NeuralNetwork net = start;
            TrainingSettings s = TrainingSettings.of(start).withOptimizer(Configured.parse(spec, OPTIMIZERS));
            for (int step = 1; step <= 3; step++) {
                double o = 1 / (1 + Math.exp(-(w * x + b)));
                double d = (target - o) * o * (1 - o);
                double gw = d * x;
                double gb = d;
                if (spec.startsWith("momentum")) {
                    vw = 0.9 * vw + lr * gw;
                    vb = 0.9 * vb + lr * gb;
                    w += vw;
                    b += vb;
                } else {
                    mw = 0.9 * mw + 0.1 * gw;
                    mb = 0.9 * mb + 0.1 * gb;
                    sw = 0.999 * sw + 0.001 * gw * gw;
                    sb = 0.999 * sb + 0.001 * gb * gb;
                    double c1 = 1 - Math.pow(0.9, step);
                    double c2 = 1 - Math.pow(0.999, step);
                    w += lr * (mw / c1) / (Math.sqrt(sw / c2) + 1e-8);
                    b += lr * (mb / c1) / (Math.sqrt(sb / c2) + 1e-8);
                }
                net = new Trainer(s, TrainingListener.NONE).fit(start, one, null, step);
                assertThat(net.weights(0).data[0]).as("%s: the weight after step %d", spec, step).isCloseTo(w, within(1e-12));
                assertThat(net.biases(0)[0]).as("%s: the bias after step %d", spec, step).isCloseTo(b, within(1e-12));
            }
        }
    }

    @Test
    void schedules_giveTheDocumentedRates() {
        assertThat(Schedule.parse("constant").rate(0.1, 7, 10)).isEqualTo(0.1);
        assertThat(Schedule.parse("step:2:0.5").rate(0.1, 1, 10)).isEqualTo(0.1);
        assertThat(Schedule.parse("step:2:0.5").rate(0.1, 3, 10)).isEqualTo(0.05);
        assertThat(Schedule.parse("step:2:0.5").rate(0.1, 5, 10)).isEqualTo(0.025);
        assertThat(Schedule.parse("exp:0.9").rate(1, 3, 10)).isCloseTo(0.81, within(1e-15));
        assertThat(Schedule.parse("cosine").rate(1, 1, 10)).isEqualTo(1.0);
        assertThat(Schedule.parse("cosine").rate(1, 6, 10)).isCloseTo(0.5, within(1e-15));
        assertThat(Schedule.parse("cosine:0.1").rate(1, 6, 10)).isCloseTo(0.55, within(1e-15));
        for (String bad : List.of("step:0:0.5", "exp", "cosine:1", "linear", "step:2:-1")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Schedule.parse(bad))
                    .isInstanceOf(org.mynn.core.MynnException.class).hasMessageContaining("'" + bad + "'");
        }
    }
}
