package org.mynn.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.mynn.core.MynnException;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Order;
import org.mynn.core.model.Precision;
import org.mynn.core.model.Targets;
import org.mynn.core.model.TrainingSettings;

/**
 * Inputs made ahead on the producer thread (or, per sample on two threads, by the training team between steps): the same
 * bits, every thread ended, the producer's errors the run's.
 */
class PrefetchTest {

    /**
     * Data whose inputs cost work: the bands of {@link TrainerTest.Bands} moved by noise drawn from the epoch and the
     * sample (as an augmentation draws its distortion), failing at one sample of one epoch when asked to; it notes which
     * threads made inputs.
     */
    record Noisy(TrainerTest.Bands bands, int epoch, long failAt, Set<String> makers) implements TrainingData {
        Noisy(TrainerTest.Bands bands, long failAt) {
            this(bands, 0, failAt, ConcurrentHashMap.newKeySet());
        }

        @Override
        public TrainingData forEpoch(int e) {
            return new Noisy(bands, e, failAt, makers);
        }

        @Override
        public boolean costly() {
            return epoch != 0;
        }

        @Override
        public void input(int i, double[] out) {
            if ((long) epoch * size() + i == failAt) {
                throw new MynnException("sample " + i + " of epoch " + epoch + " cannot be made");
            }
            makers.add(Thread.currentThread().getName());
            bands.input(i, out);
            SplittableRandom r = new SplittableRandom(epoch * 1_000_003L + i);
            for (int j = 0; j < 2; j++) {
                out[j] += 0.05 * (r.nextDouble() - 0.5);
            }
        }

        @Override
        public String name() {
            return "noisy";
        }

        @Override
        public int size() {
            return bands.size();
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
        public void target(int i, double[] out) {
            Targets.oneHot(bands.label(i), out);
        }

        @Override
        public int label(int i) {
            return bands.label(i);
        }
    }

    private static NeuralNetwork fit(TrainingData data, int threads, int batch, boolean ahead) {
        NeuralNetwork net = NeuralNetwork.builder(3, 24, 3).seed(4).build();
        TrainingSettings s = TrainingSettings.of(net).withThreads(threads).withBatch(batch).withOrder(Order.SHUFFLE)
                .withPrecision(Precision.FLOAT).withLearningRate(0.2);
        return new Trainer(s, TrainingListener.NONE).ahead(ahead).fit(net, data, null, 3);
    }

    private static boolean producerAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(Prefetch.THREAD) && t.isAlive());
    }

    @Test
    void theSameBits_withAndWithoutTheProducer_onOneAndTwoThreads_perSampleAndInMiniBatches() {
        TrainerTest.Bands bands = TrainerTest.Bands.of("b", 3000, 1);
        for (int batch : new int[] {1, 16}) {
            Noisy off = new Noisy(bands, -1);
            NeuralNetwork reference = fit(off, 1, batch, false);
            assertThat(off.makers()).doesNotContain(Prefetch.THREAD);
            for (int threads : new int[] {1, 2}) {
                for (boolean ahead : new boolean[] {false, true}) {
                    Noisy data = new Noisy(bands, -1);
                    NeuralNetwork net = fit(data, threads, batch, ahead);
                    for (int l = 0; l < 2; l++) {
                        assertThat(net.weights(l).data).as("batch %d, %d threads, ahead %s", batch, threads, ahead)
                                .containsExactly(reference.weights(l).data);
                    }
                    if (ahead && batch == 1 && threads == 2) {
                        // per-sample steps on two threads: the team makes the inputs between steps, no third thread.
                        // Which of the team makes them is not fixed: a worker that is late (a busy machine) leaves its
                        // part to the caller (RowTeam), so only the team's threads are asserted, not both of them
                        String caller = Thread.currentThread().getName();
                        assertThat(data.makers()).as("batch 1, 2 threads").doesNotContain(Prefetch.THREAD)
                                .allMatch(t -> t.equals(caller) || t.startsWith("mynn-rows-"), "a thread of the team");
                    } else if (ahead) {
                        assertThat(data.makers()).contains(Prefetch.THREAD);
                    }
                    assertThat(producerAlive()).isFalse();
                }
            }
        }
    }

    @Test
    void anErrorOfTheProducer_isTheRunsError_andItsThreadEnds() {
        TrainerTest.Bands bands = TrainerTest.Bands.of("b", 1000, 2);
        for (int batch : new int[] {1, 8}) {
            for (boolean ahead : new boolean[] {false, true}) {
                Noisy data = new Noisy(bands, 2L * 1000 + 321);
                assertThatThrownBy(() -> fit(data, 2, batch, ahead)).as("batch %d, ahead %s", batch, ahead)
                        .isInstanceOf(MynnException.class).hasMessage("sample 321 of epoch 2 cannot be made");
                assertThat(producerAlive()).isFalse();
            }
        }
    }

    @Test
    void aStoppedRun_endsTheProducer() {
        TrainerTest.Bands bands = TrainerTest.Bands.of("b", 5000, 3);
        NeuralNetwork net = NeuralNetwork.builder(3, 24, 3).seed(4).build();
        TrainingControl control = TrainingControl.none();
        TrainingListener stopper = new TrainingListener() {
            @Override
            public void samplesDone(int done) {
                if (done >= 1500) {
                    control.requestStop();
                }
            }
        };
        Noisy data = new Noisy(bands, -1);
        Trainer.Outcome o = new Trainer(TrainingSettings.of(net).withBatch(10), stopper).ahead(true)
                .fit(net, data, null, 3, TrainingPosition.START, control);
        assertThat(o.position().epochsDone()).isZero();
        assertThat(o.position().samplesDone()).isBetween(1500, 4999);
        assertThat(data.makers()).contains(Prefetch.THREAD);
        assertThat(producerAlive()).isFalse();
    }

    @Test
    void readsOutOfOrder_areMadeWhereTheyAreRead_andTheSame() {
        Noisy data = new Noisy(TrainerTest.Bands.of("b", 2000, 4), -1);
        TrainingData epoch = data.forEpoch(2);
        try (Prefetch ahead = new Prefetch(data::forEpoch, 3, 2000, 3)) {
            TrainingData view = Prefetch.view(ahead, epoch, 2, 0);
            for (int i : new int[] {0, 1, 2, 3, 700, 701, 5, 6, 1999}) {
                double[] got = new double[3];
                double[] want = new double[3];
                view.input(i, got);
                epoch.input(i, want);
                assertThat(got).as("sample %d", i).containsExactly(want);
            }
            assertThat(Prefetch.view(ahead, data, 0, 0)).isSameAs(data);
            assertThat(Prefetch.view(null, epoch, 2, 0)).isSameAs(epoch);
        }
        assertThat(producerAlive()).isFalse();
    }
}
