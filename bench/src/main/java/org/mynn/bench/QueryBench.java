package org.mynn.bench;

import org.mynn.core.model.TrainingSettings;
import java.util.concurrent.TimeUnit;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.train.Evaluator;
import org.mynn.data.Dataset;
import org.mynn.data.Split;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** {@code query} of one test image, and testing all 10,000, on the book's 784-200-10 (trained for one epoch). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseSerialGC"})
public class QueryBench {

    private Dataset test;
    private NeuralNetwork net;
    private double[][] inputs;
    private int next;

    @Setup
    public void setUp() {
        test = Data.mnist(Split.TEST);
        NeuralNetwork fresh = NeuralNetwork.builder(784, 200, 10).seed(1).build();
        net = new org.mynn.core.train.Trainer(TrainingSettings.of(fresh), org.mynn.core.train.TrainingListener.NONE)
                .fit(fresh, Data.mnist(Split.TRAIN), null, 1);
        inputs = new double[100][784];
        for (int i = 0; i < inputs.length; i++) {
            test.input(i, inputs[i]);
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double queryOne() {
        next = (next + 1) % inputs.length;
        return net.query(inputs[next])[0];
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public double testAll10000() {
        return Evaluator.evaluate(net, test).accuracy();
    }
}
