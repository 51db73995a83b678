package org.mynn.bench;

import java.lang.management.ManagementFactory;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.data.Dataset;
import org.mynn.data.Split;

/**
 * 100,000 queries from one process, in blocks of 10,000: prints each block's time and the heap in use after it
 * (after a collection), to show the query path neither leaks nor slows down.
 * {@code java --add-modules jdk.incubator.vector -cp bench/target/mynn-bench.jar org.mynn.bench.QuerySoak}
 */
public final class QuerySoak {

    private QuerySoak() {
    }

    public static void main(String[] args) {
        int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Dataset test = Data.mnist(Split.TEST);
        NeuralNetwork net = NeuralNetwork.builder(784, 200, 10).seed(1).build();
        double[] x = new double[784];
        double sink = 0;
        System.out.printf("%-8s %12s %14s %16s%n", "block", "queries", "us/query", "heap after (MB)");
        for (int b = 1; b <= blocks; b++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 10_000; i++) {
                test.input(i, x);
                sink += net.query(x)[0];
            }
            double us = (System.nanoTime() - t0) / 1e3 / 10_000;
            System.gc();
            double heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
            System.out.printf("%-8d %12d %14.1f %16.1f%n", b, b * 10_000, us, heap);
        }
        System.out.println(sink > 0 ? "" : " ");
    }
}
