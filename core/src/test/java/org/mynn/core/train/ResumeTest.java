package org.mynn.core.train;

import org.mynn.core.model.TrainingSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mynn.core.MynnException;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Precision;
import org.mynn.core.model.Targets;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.io.ModelJson;

/** A run stopped, saved and continued ends bit for bit where the uninterrupted run ends. */
class ResumeTest {

    @TempDir
    Path dir;

    static final ModelJson JSON = new ModelJson(ActivationRegistry.load());

    /** Random MNIST-like samples; asks {@code control} to stop when sample {@code stopAt} of epoch {@code stopEpoch} is read. */
    static final class Samples implements TrainingData {
        final int n;
        TrainingControl control;
        int stopAt = -1;
        int reads;
        int stopAfterReads = -1;

        Samples(int n) {
            this.n = n;
        }

        @Override
        public String name() {
            return "samples";
        }

        @Override
        public int size() {
            return n;
        }

        @Override
        public int inputSize() {
            return 64;
        }

        @Override
        public int classCount() {
            return 4;
        }

        @Override
        public void input(int i, double[] out) {
            Random r = new Random(i * 31L + 7);
            for (int j = 0; j < out.length; j++) {
                out[j] = 0.01 + 0.99 * r.nextDouble();
            }
            if (control != null && ++reads == stopAfterReads) {
                control.requestStop();
            }
        }

        @Override
        public void target(int i, double[] out) {
            Targets.oneHot(label(i), out);
        }

        @Override
        public int label(int i) {
            return (i * 7 + 3) % 4;
        }
    }

    static Stream<Arguments> modes() {
        TrainingSettings book = TrainingSettings.of(fresh());
        return Stream.of(Arguments.of(book), Arguments.of(book.withThreads(2)), Arguments.of(book.withThreads(2).withPrecision(Precision.FLOAT)),
                Arguments.of(book.withThreads(2).withBatch(7)),
                Arguments.of(book.withThreads(2).withBatch(7).withPrecision(Precision.FLOAT)));
    }

    static NeuralNetwork fresh() {
        return NeuralNetwork.builder(64, 24, 4).learningRate(0.2).seed(12).build();
    }

    static long[] bits(NeuralNetwork net) {
        return Stream.of(net.weights(0).data, net.weights(1).data).flatMapToDouble(java.util.Arrays::stream)
                .mapToLong(Double::doubleToRawLongBits).toArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void stoppedMidEpoch_savedLoadedAndContinued_isBitIdenticalToTheUninterruptedRun(TrainingSettings options) {
        Samples data = new Samples(500);
        NeuralNetwork whole = new Trainer(options, TrainingListener.NONE).fit(fresh(), data, null, 3);

        NeuralNetwork first = fresh();
        Path ckpt = dir.resolve("ckpt.json");
        List<TrainingPosition> saved = new ArrayList<>();
        TrainingControl control = new TrainingControl(0, 0, (net, at) -> {
            JSON.save(net, ckpt);
            saved.add(at);
        });
        Samples stopping = new Samples(500);
        stopping.control = control;
        stopping.stopAfterReads = 500 + 321;
        TrainingPosition at = new Trainer(options, TrainingListener.NONE).fit(first, stopping, null, 3, TrainingPosition.START, control)
                .position();
        assertThat(at.epochsDone()).isEqualTo(1);
        assertThat(at.samplesDone()).isBetween(300, 330);
        assertThat(saved).containsExactly(at);

        Trainer.Outcome outcome = new Trainer(options, TrainingListener.NONE).fit(JSON.load(ckpt), data, null, 3, at,
                TrainingControl.none());
        TrainingPosition end = outcome.position();
        NeuralNetwork resumed = outcome.network();
        assertThat(end).isEqualTo(new TrainingPosition(3, 0));
        assertThat(bits(resumed)).isEqualTo(bits(whole));
        assertThat(resumed.provenance().epochs()).isEqualTo(3);
        assertThat(resumed.provenance().history()).extracting(org.mynn.core.model.Provenance.Epoch::epoch).containsExactly(1, 2, 3);
    }

    @Test
    void checkpointsEveryFewSamples_neverCutAMiniBatchShort_soTheWeightsAreThoseOfARunWithoutThem() {
        TrainingSettings batches = TrainingSettings.of(fresh()).withBatch(8).withThreads(2);
        NeuralNetwork plain = new Trainer(batches, TrainingListener.NONE).fit(fresh(), new Samples(124), null, 2);
        for (int every : new int[] {20, 24, 1}) {
            List<TrainingPosition> saved = new ArrayList<>();
            TrainingControl control = new TrainingControl(0, every, (net, at) -> saved.add(at));
            NeuralNetwork checkpointed = new Trainer(batches, TrainingListener.NONE).fit(fresh(), new Samples(124), null, 2,
                    TrainingPosition.START, control).network();
            assertThat(bits(checkpointed)).as("a checkpoint every %d samples", every).isEqualTo(bits(plain));
            assertThat(saved).as("every %d samples", every).isNotEmpty()
                    .allSatisfy(at -> assertThat(at.samplesDone() % 8).as("%s", at).isZero());
        }
    }

    static Stream<Arguments> optimizers() {
        Precision d = Precision.DOUBLE;
        Precision f = Precision.FLOAT;
        return Stream.of(Arguments.of("momentum", 1, d), Arguments.of("nesterov:0.95", 1, d), Arguments.of("adam", 1, d),
                Arguments.of("momentum", 6, d), Arguments.of("adam:0.8:0.99:1e-6", 6, d),
                Arguments.of("momentum", 1, f), Arguments.of("adam", 1, f), Arguments.of("momentum", 6, f),
                Arguments.of("nesterov:0.95", 6, f), Arguments.of("adam:0.8:0.99:1e-6", 6, f));
    }

    /**
     * With an optimizer that keeps state, biases, a softmax output with cross-entropy and a schedule, a run stopped mid-epoch,
     * saved (optimizer state and all) and continued still ends bit for bit where the uninterrupted run ends.
     */
    @ParameterizedTest(name = "{0}, batch {1}, {2}")
    @MethodSource("optimizers")
    void withEveryOptimizer_stoppedSavedAndContinued_isBitIdentical(String optimizer, int batch, Precision precision) {
        org.mynn.core.Registry<org.mynn.core.optimize.Optimizer> installed = org.mynn.core.Registry.load(
                org.mynn.core.optimize.Optimizer.class, getClass().getClassLoader(), "optimizer");
        java.util.function.Supplier<NeuralNetwork> start = () -> NeuralNetwork.builder(64, 24, 4)
                .activations(List.of(ActivationRegistry.load().get("tanh"), ActivationRegistry.load().get("softmax")))
                .loss(new org.mynn.core.loss.CrossEntropy()).biases(true).learningRate(optimizer.startsWith("adam") ? 0.003 : 0.05)
                .seed(5).build();
        TrainingSettings options = TrainingSettings.of(start.get()).withBatch(batch).withThreads(2).withPrecision(precision)
                .withOptimizer(org.mynn.core.optimize.Configured.parse(optimizer, installed))
                .withSchedule(org.mynn.core.optimize.Schedule.parse("cosine:0.1"));
        Samples data = new Samples(500);
        NeuralNetwork whole = new Trainer(options, TrainingListener.NONE).fit(start.get(), data, null, 3);

        Path ckpt = dir.resolve("ckpt.json");
        TrainingControl control = new TrainingControl(0, 0, (net, at) -> JSON.save(net, ckpt));
        Samples stopping = new Samples(500);
        stopping.control = control;
        stopping.stopAfterReads = 500 + 250;
        TrainingPosition at = new Trainer(options, TrainingListener.NONE).fit(start.get(), stopping, null, 3,
                TrainingPosition.START, control).position();
        assertThat(at.epochsDone()).isEqualTo(1);
        NeuralNetwork saved = JSON.load(ckpt);
        assertThat(saved.provenance().checkpoint().optimizerState().slots().length).isEqualTo(optimizer.startsWith("adam") ? 2 : 1);
        // in float the weights' state is float, written widened (exactly); the biases' state is double in both
        double[][][] slots = saved.provenance().checkpoint().optimizerState().slots();
        boolean allFloats = java.util.Arrays.stream(slots).flatMap(java.util.Arrays::stream).limit(2)
                .flatMapToDouble(java.util.Arrays::stream).allMatch(x -> (double) (float) x == x);
        assertThat(allFloats).as("weight matrices' state of a %s run is float", precision)
                .isEqualTo(precision == Precision.FLOAT);
        NeuralNetwork resumed = new Trainer(options, TrainingListener.NONE).fit(saved, data, null, 3, at, TrainingControl.none())
                .network();
        assertThat(bits(resumed)).isEqualTo(bits(whole));
        assertThat(resumed.allBiases()).isDeepEqualTo(whole.allBiases());
        assertThat(resumed.provenance().optimizer()).isEqualTo(optimizer);
        assertThat(resumed.provenance().schedule()).isEqualTo("cosine:0.1");

        NeuralNetwork stateless = saved.withProvenance(saved.provenance().toBuilder()
                .checkpoint(saved.provenance().checkpoint().withOptimizerState(null)).build());
        assertThatThrownBy(() -> new Trainer(options, TrainingListener.NONE).fit(stateless, data, null, 3, at,
                TrainingControl.none())).isInstanceOf(MynnException.class)
                .hasMessage("the checkpoint holds no state of optimizer '" + optimizer + "'");
    }

    @Test
    void checkpointsEverySamplesAndEveryEpoch_doNotChangeTheResult_andComeWhenDue() {
        Samples data = new Samples(500);
        Trainer trainer = new Trainer(TrainingSettings.of(fresh()), TrainingListener.NONE);
        NeuralNetwork plain = trainer.fit(fresh(), data, null, 3);
        List<TrainingPosition> bySamples = new ArrayList<>();
        NeuralNetwork a = trainer.fit(fresh(), data, null, 3, TrainingPosition.START,
                new TrainingControl(0, 400, (net, at) -> bySamples.add(at))).network();
        assertThat(bySamples).containsExactly(new TrainingPosition(0, 400), new TrainingPosition(1, 300), new TrainingPosition(2, 200));
        assertThat(bits(a)).isEqualTo(bits(plain));
        List<TrainingPosition> byEpochs = new ArrayList<>();
        NeuralNetwork b = trainer.fit(fresh(), data, null, 3, TrainingPosition.START,
                new TrainingControl(1, 0, (net, at) -> byEpochs.add(at))).network();
        assertThat(byEpochs).containsExactly(new TrainingPosition(1, 0), new TrainingPosition(2, 0));
        assertThat(bits(b)).isEqualTo(bits(plain));
    }

    @Test
    void divergence_stopsNamingEpochSampleAndLayer_andSuggestsWhatToTryFromTheRunsSettings() {
        ActivationRegistry reg = ActivationRegistry.load();
        NeuralNetwork net = NeuralNetwork.builder(64, 24, 4).activation(reg.get("leaky-relu")).learningRate(50).seed(3).build();
        assertThatThrownBy(() -> new Trainer(TrainingSettings.of(net), TrainingListener.NONE).fit(net, new Samples(500), null, 2))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageMatching("training diverged in epoch 1 at sample \\d+ \\(\\d+ samples into the run\\): the network's"
                        + " (outputs|weights) became NaN or infinite(, first in the weights of|; the largest weights are in) layer"
                        + " 1 \\(64->24\\); try rule gradient \\(the book's rule is the gradient only for its own sigmoid"
                        + " network\\), or init he \\(.*\\), or lr 5 \\(a tenth of 50\\)");
        org.ejml.data.DMatrixRMaj[] w = net.allWeights();
        w[0].data[5] = Double.NaN;
        NeuralNetwork broken = net.with(w, net.learningRate(), net.provenance());
        assertThatThrownBy(() -> JSON.save(broken, dir.resolve("broken.json"))).isInstanceOf(MynnException.class)
                .hasMessage("cannot save " + dir.resolve("broken.json") + ": the network's weights are not all finite numbers"
                        + " (the training diverged)");
        assertThat(dir.resolve("broken.json")).doesNotExist();
    }
}
