package org.mynn.core.train;

import org.mynn.core.model.Precision;
import org.mynn.core.model.TrainingSettings;
import org.mynn.core.model.Provenance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mynn.core.MynnException;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Targets;

public class TrainerTest {

    /** Points in the unit square; the class is which of 3 vertical bands x falls in. */
    public record Bands(String name, double[][] xs, int[] labels) implements TrainingData {
        public static Bands of(String name, int n, long seed) {
            Random r = new Random(seed);
            double[][] xs = new double[n][];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                xs[i] = new double[] {r.nextDouble(), r.nextDouble(), 1.0};
                labels[i] = Math.min(2, (int) (xs[i][0] * 3));
            }
            return new Bands(name, xs, labels);
        }

        @Override
        public int size() {
            return xs.length;
        }

        @Override
        public int inputSize() {
            return 3;
        }

        @Override
        public int classCount() {
            return 3;
        }

        @Override
        public void input(int i, double[] out) {
            System.arraycopy(xs[i], 0, out, 0, 3);
        }

        @Override
        public void target(int i, double[] out) {
            Targets.oneHot(labels[i], out);
        }

        @Override
        public int label(int i) {
            return labels[i];
        }
    }

    @Test
    void fit_learnsTheBands_recordsEveryEpoch_andTellsTheListener() {
        NeuralNetwork net = NeuralNetwork.builder(3, 12, 3).learningRate(0.5).seed(3).build();
        List<String> heard = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void epochStarted(int epoch, int epochs, int samples) {
                heard.add("start " + epoch + "/" + epochs + " " + samples);
            }

            @Override
            public void epochFinished(Provenance.Epoch epoch) {
                heard.add("end " + epoch.epoch());
            }
        };
        Provenance facts = new Trainer(TrainingSettings.of(net), listener)
                .fit(net, Bands.of("bands/train", 3000, 1), Bands.of("bands/test", 1000, 2), 4).provenance();
        assertThat(facts.epochs()).isEqualTo(4);
        assertThat(facts.samplesSeen()).isEqualTo(12_000L);
        assertThat(facts.history()).hasSize(4);
        assertThat(facts.accuracy()).isGreaterThan(0.9).isEqualTo(facts.history().get(3).accuracy());
        assertThat(facts.history().get(3).mse()).isLessThan(facts.history().get(0).mse() + 1e-9);
        assertThat(facts.dataset()).isEqualTo("bands/train");
        assertThat(heard).containsExactly("start 1/4 3000", "end 1", "start 2/4 3000", "end 2", "start 3/4 3000", "end 3",
                "start 4/4 3000", "end 4");
    }

    @Test
    void fit_recordsSettingsAndPlatform_andLeavesTheGivenNetworkAsItWas() {
        NeuralNetwork net = NeuralNetwork.builder(3, 6, 3).seed(2).build();
        double[] before = net.weights(0).data;
        NeuralNetwork trained = new Trainer(TrainingSettings.of(net).withPrecision(Precision.FLOAT).withThreads(2),
                TrainingListener.NONE, new org.mynn.core.kernel.ScalarKernels()).fit(net, Bands.of("b", 200, 1), null, 1);
        Provenance p = trained.provenance();
        assertThat(p.precision()).isEqualTo(Precision.FLOAT);
        assertThat(p.batch()).isEqualTo(1);
        assertThat(p.platform().kernel()).isEqualTo("scalar");
        assertThat(p.platform().vectorBits()).isZero();
        assertThat(p.platform().java()).isEqualTo(System.getProperty("java.version"));
        assertThat(p.platform().arch()).isEqualTo(System.getProperty("os.arch"));
        assertThat(p.platform().mynn()).isNotBlank();
        assertThat(p.epochs()).isEqualTo(1);
        assertThat(net.provenance().epochs()).isZero();
        assertThat(net.weights(0).data).containsExactly(before);
        assertThat(trained.weights(0).data).isNotEqualTo(before);
    }

    @Test
    void fit_isTheSameAsCallingTrainOnEverySampleInOrder() {
        Bands data = Bands.of("b", 500, 5);
        NeuralNetwork a = NeuralNetwork.builder(3, 6, 3).seed(9).build();
        NeuralNetwork b = a.copy();
        a = new Trainer(TrainingSettings.of(a), TrainingListener.NONE).fit(a, data, null, 2);
        double[] x = new double[3];
        double[] t = new double[3];
        for (int e = 0; e < 2; e++) {
            for (int i = 0; i < data.size(); i++) {
                data.input(i, x);
                data.target(i, t);
                b.train(x, t);
            }
        }
        assertThat(a.weights(0).data).containsExactly(b.weights(0).data);
        assertThat(a.provenance().history().get(0).accuracy()).isNull();
    }

    @Test
    void fit_continuesTheEpochCountOfALoadedModel() {
        NeuralNetwork net = NeuralNetwork.builder(3, 4, 3).seed(1).build();
        Trainer trainer = new Trainer(TrainingSettings.of(net), TrainingListener.NONE);
        net = trainer.fit(net, Bands.of("b", 100, 1), null, 2);
        net = trainer.fit(net, Bands.of("b", 100, 1), null, 1);
        assertThat(net.provenance().epochs()).isEqualTo(3);
        assertThat(net.provenance().history()).extracting(Provenance.Epoch::epoch).containsExactly(1, 2, 3);
    }

    @Test
    void evaluate_computesAccuracyConfusionPrecisionRecall() {
        NeuralNetwork net = NeuralNetwork.builder(3, 12, 3).learningRate(0.5).seed(3).build();
        Bands test = Bands.of("t", 600, 7);
        net = new Trainer(TrainingSettings.of(net), TrainingListener.NONE).fit(net, Bands.of("b", 3000, 1), null, 3);
        Evaluation e = Evaluator.evaluate(net, test);
        assertThat(e.count()).isEqualTo(600);
        int diagonal = e.confusion()[0][0] + e.confusion()[1][1] + e.confusion()[2][2];
        assertThat(e.accuracy()).isEqualTo(diagonal / 600.0);
        int predicted1 = e.confusion()[0][1] + e.confusion()[1][1] + e.confusion()[2][1];
        assertThat(e.precision(1)).isCloseTo((double) e.confusion()[1][1] / predicted1, within(1e-15));
        int actual2 = e.confusion()[2][0] + e.confusion()[2][1] + e.confusion()[2][2];
        assertThat(e.recall(2)).isCloseTo((double) e.confusion()[2][2] / actual2, within(1e-15));
    }

    @Test
    void evaluate_onThreads_givesExactlyTheSequentialResult() {
        NeuralNetwork net = NeuralNetwork.builder(3, 12, 3).learningRate(0.5).seed(3).build();
        net = new Trainer(TrainingSettings.of(net), TrainingListener.NONE).fit(net, Bands.of("b", 3000, 1), null, 1);
        Bands test = Bands.of("t", 5000, 9);
        Evaluation one = Evaluator.evaluate(net, test);
        Evaluation two = Evaluator.evaluate(net, test, 2);
        Evaluation four = Evaluator.evaluate(net, test, 4);
        for (Evaluation e : List.of(two, four)) {
            assertThat(e.accuracy()).isEqualTo(one.accuracy());
            assertThat(e.mse()).isEqualTo(one.mse());
            assertThat(e.confusion()).isDeepEqualTo(one.confusion());
        }
    }

    @Test
    void dataThatDoesNotFit_isRefusedNamingBothSizes() {
        NeuralNetwork net = NeuralNetwork.builder(784, 10, 10).seed(1).build();
        assertThatThrownBy(() -> new Trainer(TrainingSettings.of(net), TrainingListener.NONE).fit(net, Bands.of("bands", 10, 1), null, 1))
                .isInstanceOf(MynnException.class).hasMessage("bands has 3 values per sample but the network takes 784 inputs");
    }
}
