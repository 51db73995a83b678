package org.mynn.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mynn.data.Dataset;
import org.mynn.data.IdxReader;
import org.mynn.data.IdxWriter;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** Loading the MNIST training set (60,000 images) from IDX .gz and from raw IDX. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-XX:+UseSerialGC")
public class LoadJmhBench {

    private Path dir;
    private List<Path> raw;

    @Setup
    public void setUp() throws Exception {
        raw = Data.datasets().fetch("mnist");
        dir = Files.createTempDirectory("mynn-jmh-");
        IdxWriter.write(Data.mnist(Split.TRAIN), dir.resolve("i.gz"), dir.resolve("l.gz"), true);
    }

    @TearDown
    public void tearDown() throws Exception {
        Files.delete(dir.resolve("i.gz"));
        Files.delete(dir.resolve("l.gz"));
        Files.delete(dir);
    }

    @Benchmark
    public int idxGz() {
        return IdxReader.read(dir.resolve("i.gz"), dir.resolve("l.gz"), Dataset.numberedClasses(10), "gz").size();
    }

    @Benchmark
    public int idxRaw() {
        return IdxReader.read(raw.get(0), raw.get(1), Dataset.numberedClasses(10), "raw").size();
    }
}
