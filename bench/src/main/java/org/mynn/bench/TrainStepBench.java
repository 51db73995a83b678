package org.mynn.bench;

import org.mynn.core.model.TrainingSettings;
import org.mynn.core.Labelled;
import java.util.concurrent.TimeUnit;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Precision;
import org.mynn.core.train.SgdEngine;
import org.mynn.core.kernel.Kernels;
import org.mynn.data.Dataset;
import org.mynn.data.Split;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of the book's 784-200-10 on real MNIST samples, per mode: microseconds per sample (runs of
 * 1,000 consecutive samples, so the fused pipeline works as in an epoch). {@code 60,000 x} this = s/epoch.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseSerialGC"})
public class TrainStepBench {

    static final int RUN = 1000;

    @Param({"double", "float"})
    public String precision;

    @Param({"1", "2"})
    public int threads;

    private Dataset train;
    private NeuralNetwork net;
    private SgdEngine engine;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        train = Data.mnist(Split.TRAIN);
        net = NeuralNetwork.builder(784, 200, 10).seed(1).build();
        engine = new SgdEngine(net, Kernels.best(), TrainingSettings.of(net)
                .withPrecision(Labelled.parse(Precision.class, precision, "precision")).withThreads(threads));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    /** @return per call {@value #RUN} samples; JMH's figure divided by 1,000 is microseconds per sample */
    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(RUN)
    public double thousandSamples() {
        int from = next;
        next = (next + RUN) % (train.size() - RUN);
        engine.train(train, from, from + RUN, null, () -> false);
        return engine.outputs()[0];
    }
}
