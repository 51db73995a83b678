package org.mynn.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.loss.CrossEntropy;
import org.mynn.core.model.BackpropRule;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.SampleMath;
import org.mynn.core.model.TrainingSettings;
import org.mynn.core.train.TrainerTest.Bands;

/**
 * A paused run trains a sample by hand ({@link TrainingControl#trainSample}) with its engine's own step: bit for bit
 * the step {@link SampleMath} measures "after" on ({@link NeuralNetwork#train}, the book's per-sample step), and the
 * record says so.
 */
class HandSampleTest {

    @Test
    void theBooksNetwork_stepsBitForBitAsNeuralNetworkTrain() throws Exception {
        NeuralNetwork net = NeuralNetwork.builder(3, 12, 3).learningRate(0.5).seed(3).build();
        checkHandSteps(net, TrainingSettings.of(net));
    }

    @Test
    void softmaxWithBiasesUnderTheGradientRule_too() throws Exception {
        ActivationRegistry acts = ActivationRegistry.load();
        NeuralNetwork net = NeuralNetwork.builder(3, 8, 6, 3).activations(List.of(acts.get("tanh"), acts.get("sigmoid"),
                acts.get("softmax"))).loss(new CrossEntropy()).biases(true).rule(BackpropRule.GRADIENT).learningRate(0.2)
                .seed(5).build();
        checkHandSteps(net, TrainingSettings.of(net).withThreads(2));
    }

    private static void checkHandSteps(NeuralNetwork net, TrainingSettings settings) throws Exception {
        Bands data = Bands.of("bands", 50, 7);
        TrainingControl control = new TrainingControl(0, 0, null);
        AtomicReference<Long> trained = new AtomicReference<>();
        control.watch((n, epoch, done, samples, lossSum, t) -> trained.set(t));
        control.pause();
        AtomicReference<Trainer.Outcome> outcome = new AtomicReference<>();
        Thread t = new Thread(() -> outcome.set(new Trainer(settings, TrainingListener.NONE).fit(net,
                new Trainer.Sets(data, null, null), 1, TrainingPosition.START, control)));
        t.start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!control.parked() && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertThat(control.parked()).as("the run parks, paused").isTrue();

        double[] x = {0.9, 0.2, 1.0};
        NeuralNetwork after = control.trainSample(x, 2).get(30, TimeUnit.SECONDS);
        NeuralNetwork expected = SampleMath.stepped(net, settings.learningRate(), settings.rule());
        expected.train(x, SampleMath.targets(net, 2));
        for (int k = 0; k < net.depth(); k++) {
            assertThat(after.weights(k).data).as("matrix " + k).containsExactly(expected.weights(k).data);
            if (net.hasBiases()) {
                assertThat(after.biases(k)).as("biases " + k).containsExactly(expected.biases(k));
            }
        }
        assertThat(SampleMath.of(net, x, SampleMath.targets(net, 2), settings.learningRate(), settings.rule(), 1)
                .outputsAfter()).containsExactly(after.query(x));
        assertThat(after.provenance().other().get(Trainer.HAND_SAMPLES)).asList().hasSize(1);
        assertThat(trained.get()).as("the watcher is shown the sample").isEqualTo(1L);
        assertThat(control.parked()).as("still paused").isTrue();

        // a second one starts where the first left off
        NeuralNetwork again = control.trainSample(x, 0).get(30, TimeUnit.SECONDS);
        expected.train(x, SampleMath.targets(net, 0));
        assertThat(again.weights(0).data).containsExactly(expected.weights(0).data);

        control.resume();
        t.join(30_000);
        assertThat(outcome.get().network().provenance().other().get(Trainer.HAND_SAMPLES)).asList().hasSize(2);
        assertThatThrownBy(() -> control.trainSample(x, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not paused");
    }

    @Test
    void aRunningRun_refuses() {
        TrainingControl control = new TrainingControl(0, 0, null);
        assertThatThrownBy(() -> control.trainSample(new double[3], 1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the run is not paused");
    }
}
