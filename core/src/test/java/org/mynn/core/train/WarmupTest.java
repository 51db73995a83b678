package org.mynn.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.mynn.core.kernel.Kernels;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mynn.core.activation.Activation;
import org.mynn.core.loss.CrossEntropy;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Precision;
import org.mynn.core.model.TrainingSettings;
import org.mynn.core.optimize.Configured;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// waits on the warm-up's thread (its own waits end after at most 90 s); about 1 s on a quiet machine
@Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WarmupTest {

    private static NeuralNetwork standIn(int... layers) {
        return NeuralNetwork.builder(Warmup.narrow(layers)).seed(5).build();
    }

    /** Compares the bits of every weight and bias. */
    private static void sameBits(NeuralNetwork a, NeuralNetwork b) {
        assertThat(PastTheBookEngineTest.bits(a)).containsExactly(PastTheBookEngineTest.bits(b));
    }

    private static void waitFor(Warmup w, long samples) throws InterruptedException {
        long until = System.nanoTime() + 60_000_000_000L;
        while (w.samples() < samples && w.running() && System.nanoTime() < until) {
            Thread.sleep(5);
        }
    }

    @Test
    void narrow_cutsTheHiddenLayersOnly() {
        // wide layers are cut to 64 plus their remainder modulo 64: the kernels' loops end in the same partial vectors
        assertThat(Warmup.narrow(new int[] {784, 200, 10})).containsExactly(784, 72, 10);
        assertThat(Warmup.narrow(new int[] {784, 800, 10})).containsExactly(784, 96, 10);
        assertThat(Warmup.narrow(new int[] {784, 500, 30, 10})).containsExactly(784, 116, 30, 10);
        assertThat(Warmup.narrow(new int[] {784, 64, 65, 10})).containsExactly(784, 64, 65, 10);
        assertThat(Warmup.narrow(new int[] {784, 128, 10})).containsExactly(784, Warmup.WIDTH, 10);
        assertThat(Warmup.narrow(new int[] {3000, 10})).containsExactly(3000, 10);
    }

    @Test
    void trainsMadeUpSamplesOnItsOwnThread_untilClosed_andLeavesTheStandInAsItWas() throws Exception {
        NeuralNetwork net = standIn(784, 200, 10);
        double[] before = net.weights(0).data.clone();
        Warmup w = Warmup.start(net, TrainingSettings.of(net).withThreads(2), Kernels.best(), 120_000);
        waitFor(w, 2 * Warmup.SAMPLES);
        assertThat(w.running()).isTrue();
        w.close();
        assertThat(w.running()).isFalse();
        assertThat(w.samples()).isGreaterThanOrEqualTo(2 * Warmup.SAMPLES);
        assertThat(net.weights(0).data).containsExactly(before);
    }

    /** A run whose inputs cost work (distorted afresh) gets that work warmed up too: the warm-up trains what it is given. */
    @Test
    void trainsTheSamplesItIsGiven_onItsOwnThread() throws Exception {
        NeuralNetwork net = standIn(784, 200, 10);
        TrainingData madeUp = Warmup.madeUp(784, 10);
        java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicLong read = new java.util.concurrent.atomic.AtomicLong();
        TrainingData given = new DataView(madeUp) {
            @Override
            public void input(int i, double[] out) {
                read.incrementAndGet();
                threads.add(Thread.currentThread().getName());
                super.input(i, out);
            }
        };
        Warmup w = Warmup.start(net, TrainingSettings.of(net), Kernels.best(), given, 120_000);
        waitFor(w, Warmup.SAMPLES);
        w.close();
        assertThat(w.samples()).isGreaterThanOrEqualTo(Warmup.SAMPLES);
        assertThat(read.get()).isGreaterThanOrEqualTo(Warmup.SAMPLES);
        assertThat(threads).containsExactly("mynn-warmup");
    }

    @Test
    void settle_goesOnUntilTheCompilerIsDone_thenStops() throws Exception {
        NeuralNetwork net = standIn(784, 200, 10);
        double[] before = net.weights(0).data.clone();
        Warmup w = Warmup.start(net, TrainingSettings.of(net), Kernels.best(), 120_000);
        w.settle(120_000);
        assertThat(w.running()).isFalse();
        assertThat(w.settled()).as("no compilation finished over its last passes").isTrue();
        assertThat(w.samples()).isGreaterThanOrEqualTo(2 * Warmup.SAMPLES);
        assertThat(net.weights(0).data).containsExactly(before);
        Warmup.none().settle();
    }

    @Test
    void warmsUpTheMiniBatchEngineInFloatWithAnOptimizer() throws Exception {
        NeuralNetwork net = NeuralNetwork.builder(Warmup.narrow(new int[] {784, 800, 10})).biases(true)
                .activations(List.of(PastTheBookEngineTest.ACTS.get("sigmoid"), PastTheBookEngineTest.ACTS.get("softmax")))
                .loss(new CrossEntropy()).seed(2).build();
        TrainingSettings s = TrainingSettings.of(net).withBatch(64).withPrecision(Precision.FLOAT)
                .withOptimizer(Configured.parse("momentum:0.9", PastTheBookEngineTest.OPTIMIZERS));
        try (Warmup w = Warmup.start(net, s, Kernels.best())) {
            waitFor(w, Warmup.SAMPLES);
            assertThat(w.samples()).isGreaterThanOrEqualTo(Warmup.SAMPLES);
        }
    }

    @Test
    void stopsByItselfAfterItsTime_andAfterAFailureSilently() throws Exception {
        NeuralNetwork net = standIn(20, 30, 4);
        Warmup timed = Warmup.start(net, TrainingSettings.of(net), Kernels.best(), 100);
        timed.thread().join(30_000);
        assertThat(timed.running()).isFalse();
        assertThat(timed.samples()).isPositive();

        // an activation that breaks down in the middle of the made-up run: it ends, and closing it is quiet
        Activation breaks = new Activation() {
            private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

            @Override
            public String name() {
                return "breaks";
            }

            @Override
            public double apply(double x) {
                if (calls.incrementAndGet() > 5_000) {
                    throw new IllegalStateException("broken");
                }
                return 1 / (1 + Math.exp(-x));
            }

            @Override
            public double derivativeFromOutput(double y) {
                return y * (1 - y);
            }

            @Override
            public org.mynn.core.activation.Interval outputRange() {
                return new org.mynn.core.activation.Interval(0, 1);
            }
        };
        NeuralNetwork wild = NeuralNetwork.builder(20, 30, 4).activation(breaks).seed(1).build();
        List<Throwable> uncaught = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        try {
            Warmup failed = Warmup.start(wild, TrainingSettings.of(wild), Kernels.best(), 120_000);
            failed.thread().join(60_000);
            assertThat(failed.running()).isFalse();
            assertThat(failed.samples()).isLessThan(5_000);
            failed.close();
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
        assertThat(uncaught).isEmpty();
    }

    @Test
    void aTooLargeStandInIsNotWarmedUp_andNoneClosesQuietly() {
        NeuralNetwork big = NeuralNetwork.builder(Math.toIntExact(Warmup.MAX_WEIGHTS / 10 + 1), 10).seed(1).build();
        try (Warmup w = Warmup.start(big, TrainingSettings.of(big))) {
            assertThat(w).isSameAs(Warmup.none());
            assertThat(w.running()).isFalse();
        }
        Warmup.none().close();
    }

    @Test
    void aRunTrainedDuringAWarmUpIsBitForBitTheRunWithout() throws Exception {
        NeuralNetwork net = NeuralNetwork.builder(3, 12, 3).learningRate(0.3).seed(9).build();
        TrainingData data = TrainerTest.Bands.of("bands", 2000, 4);
        for (int threads : new int[] {1, 2}) {
            TrainingSettings s = TrainingSettings.of(net).withThreads(threads);
            NeuralNetwork alone = new Trainer(s, TrainingListener.NONE).fit(net, data, null, 2);
            NeuralNetwork during;
            try (Warmup w = Warmup.start(NeuralNetwork.builder(3, 12, 3).learningRate(0.3).seed(9).build(), s)) {
                during = new Trainer(s, TrainingListener.NONE).fit(net, data, null, 2);
            }
            sameBits(during, alone);
            // as `mynn train` does it: the warm-up settles first, then the run
            Warmup settled = Warmup.start(NeuralNetwork.builder(3, 12, 3).learningRate(0.3).seed(9).build(), s);
            settled.settle(5_000);
            sameBits(new Trainer(s, TrainingListener.NONE).fit(net, data, null, 2), alone);
        }
    }
}
