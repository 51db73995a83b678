package org.mynn.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.mynn.data.CsvReader;
import org.mynn.data.CsvWriter;
import org.mynn.data.Dataset;
import org.mynn.data.Datasets;
import org.mynn.data.IdxReader;
import org.mynn.data.IdxWriter;
import org.mynn.data.Split;

/**
 * How long loading the MNIST training set takes from each of its forms, and the heap it needs:
 * {@code java -cp bench/target/mynn-bench.jar org.mynn.bench.LoadBench [repeats [gz|raw|csv]]}. Prints a table; a benchmark,
 * not a test.
 */
public final class LoadBench {

    private LoadBench() {
    }

    public static void main(String[] args) throws Exception {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        String only = args.length > 1 ? args[1] : "";
        Datasets ds = Data.datasets();
        List<Path> raw = ds.fetch("mnist");
        Path tmp = Files.createTempDirectory("mynn-loadbench-");
        Dataset train = ds.load("mnist", Split.TRAIN);
        Path gzImages = tmp.resolve("train-images-idx3-ubyte.gz");
        Path gzLabels = tmp.resolve("train-labels-idx1-ubyte.gz");
        IdxWriter.write(train, gzImages, gzLabels, true);
        Path csv = tmp.resolve("mnist_train.csv");
        CsvWriter.write(train, csv);
        train = null;
        System.out.printf("MNIST training set, 60,000 x 784; best and median of %d loads; JVM %s, %d cores, max heap %d MB%n",
                repeats, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("%-22s %10s %10s %10s %14s %14s%n", "form", "file MB", "best s", "median s", "retained MB", "peak heap MB");
        if (only.isEmpty() || only.equals("gz")) {
            row("IDX .gz", Files.size(gzImages) + Files.size(gzLabels), repeats,
                    () -> IdxReader.read(gzImages, gzLabels, Dataset.numberedClasses(10), "gz"));
        }
        if (only.isEmpty() || only.equals("raw")) {
            row("IDX raw", Files.size(raw.get(0)) + Files.size(raw.get(1)), repeats,
                    () -> IdxReader.read(raw.get(0), raw.get(1), Dataset.numberedClasses(10), "raw"));
        }
        if (only.isEmpty() || only.equals("csv")) {
            row("CSV (the book's)", Files.size(csv), repeats, () -> CsvReader.read(csv, Dataset.numberedClasses(10)));
        }
        for (Path p : new Path[] {gzImages, gzLabels, csv}) {
            Files.delete(p);
        }
        Files.delete(tmp);
    }

    private static void row(String form, long bytes, int repeats, Supplier<Dataset> load) {
        load.get(); // warm-up
        double[] secs = new double[repeats];
        long retained = 0;
        long peak = 0;
        for (int r = 0; r < repeats; r++) {
            long base = settledHeap();
            resetPeaks();
            long t0 = System.nanoTime();
            Dataset d = load.get();
            secs[r] = (System.nanoTime() - t0) / 1e9;
            peak = Math.max(peak, peakHeap() - base);
            retained = settledHeap() - base;
            if (d.size() != 60_000) {
                throw new IllegalStateException("loaded " + d.size());
            }
        }
        Arrays.sort(secs);
        System.out.printf("%-22s %10.1f %10.3f %10.3f %14.1f %14.1f%n", form, bytes / 1e6, secs[0], secs[repeats / 2],
                retained / 1048576.0, peak / 1048576.0);
    }

    private static long settledHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
