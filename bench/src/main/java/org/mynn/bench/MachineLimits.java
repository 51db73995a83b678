package org.mynn.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.mynn.core.kernel.Kernels;

/**
 * The first part of the {@link Roofline}: the limits of this machine, measured. The peak rate of fused multiply-adds
 * (double and float, 1 and 2 threads, Vector API, 16 independent accumulators), the bandwidth of a read-modify-write
 * stream ({@code y += a x}, what a training update does) for working sets that fit the L1, the L2, the L3 and none,
 * and the cost of handing work to a second thread and back (two threads spinning on volatile counters, as
 * {@code RowTeam} does); and the ways of timing that the other parts share (the best or least of several runs, work
 * on several threads).
 */
final class MachineLimits {

    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private MachineLimits() {
    }

    static Limits limits(boolean quick) throws Exception {
        System.out.println("limits of this machine (best of 5 runs each):");
        double d1 = best(5, () -> fmaRate(false, 1));
        double d2 = best(5, () -> fmaRate(false, 2));
        double f1 = best(5, () -> fmaRate(true, 1));
        double f2 = best(5, () -> fmaRate(true, 2));
        System.out.printf(Locale.ROOT, "  FMA peak, double: %6.1f GFLOP/s on 1 thread, %6.1f on 2 (x%.2f)%n", d1, d2, d2 / d1);
        System.out.printf(Locale.ROOT, "  FMA peak, float:  %6.1f GFLOP/s on 1 thread, %6.1f on 2 (x%.2f)%n", f1, f2, f2 / f1);
        double[] sizes = quick ? new double[] {32e3, 1e6, 64e6} : new double[] {32e3, 256e3, 1e6, 3e6, 16e6, 256e6};
        double[][] b1 = new double[sizes.length][];
        double[][] b2 = new double[sizes.length][];
        System.out.println("  read-modify-write bandwidth (y += a x, doubles), per working set of each thread:");
        for (int i = 0; i < sizes.length; i++) {
            int bytes = (int) sizes[i];
            b1[i] = new double[] {best(3, () -> bandwidth(bytes, 1))};
            b2[i] = new double[] {best(3, () -> bandwidth(bytes, 2))};
            System.out.printf(Locale.ROOT, "    %8s: %6.1f GB/s on 1 thread, %6.1f on 2 (x%.2f)%n", size(sizes[i]), b1[i][0],
                    b2[i][0], b2[i][0] / b1[i][0]);
        }
        double handoff = least(5, MachineLimits::handoffNanos);
        System.out.printf(Locale.ROOT, "  handing work to a second thread and back (spinning): %.0f ns%n", handoff);
        return new Limits(d1, d2, f1, f2, sizes, b1, b2, handoff);
    }

    interface Measure {
        double run() throws Exception;
    }

    /** @return the largest of {@code runs} measurements (rates: the machine can do at least that) */
    static double best(int runs, Measure m) throws Exception {
        double best = m.run();
        for (int i = 1; i < runs; i++) {
            best = Math.max(best, m.run());
        }
        return best;
    }

    /** @return the smallest of {@code runs} measurements (times) */
    private static double least(int runs, Measure m) throws Exception {
        double least = m.run();
        for (int i = 1; i < runs; i++) {
            least = Math.min(least, m.run());
        }
        return least;
    }

    private static String size(double bytes) {
        return bytes >= 1e6 ? String.format(Locale.ROOT, "%.0f MB", bytes / 1e6) : String.format(Locale.ROOT, "%.0f KB", bytes / 1e3);
    }

    /** GFLOP/s of independent FMA chains: 16 accumulators per thread, twice what covers the FMA latency on two ports. */
    static double fmaRate(boolean isFloat, int threads) throws Exception {
        long iterations = 10_000_000L;
        double[] sink = new double[threads];
        double seconds = parallel(threads, t -> sink[t] = isFloat ? floatChains(iterations) : doubleChains(iterations));
        int lanes = isFloat ? F.length() : D.length();
        double flops = 2.0 * 16 * lanes * iterations * threads;
        if (sink[0] == 42) {
            System.out.print("");
        }
        return flops / seconds / 1e9;
    }

    private static double doubleChains(long n) {
        DoubleVector b = DoubleVector.broadcast(D, 0.999999);
        DoubleVector c = DoubleVector.broadcast(D, 1e-9);
        DoubleVector a0 = DoubleVector.broadcast(D, 1);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        DoubleVector a4 = a0;
        DoubleVector a5 = a0;
        DoubleVector a6 = a0;
        DoubleVector a7 = a0;
        DoubleVector a8 = a0;
        DoubleVector a9 = a0;
        DoubleVector a10 = a0;
        DoubleVector a11 = a0;
        DoubleVector a12 = a0;
        DoubleVector a13 = a0;
        DoubleVector a14 = a0;
        DoubleVector a15 = a0;
        for (long i = 0; i < n; i++) {
            a0 = a0.fma(b, c);
            a1 = a1.fma(b, c);
            a2 = a2.fma(b, c);
            a3 = a3.fma(b, c);
            a4 = a4.fma(b, c);
            a5 = a5.fma(b, c);
            a6 = a6.fma(b, c);
            a7 = a7.fma(b, c);
            a8 = a8.fma(b, c);
            a9 = a9.fma(b, c);
            a10 = a10.fma(b, c);
            a11 = a11.fma(b, c);
            a12 = a12.fma(b, c);
            a13 = a13.fma(b, c);
            a14 = a14.fma(b, c);
            a15 = a15.fma(b, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11).add(a12).add(a13).add(a14).add(a15).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }

    private static double floatChains(long n) {
        FloatVector b = FloatVector.broadcast(F, 0.999999f);
        FloatVector c = FloatVector.broadcast(F, 1e-9f);
        FloatVector a0 = FloatVector.broadcast(F, 1);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        FloatVector a4 = a0;
        FloatVector a5 = a0;
        FloatVector a6 = a0;
        FloatVector a7 = a0;
        FloatVector a8 = a0;
        FloatVector a9 = a0;
        FloatVector a10 = a0;
        FloatVector a11 = a0;
        FloatVector a12 = a0;
        FloatVector a13 = a0;
        FloatVector a14 = a0;
        FloatVector a15 = a0;
        for (long i = 0; i < n; i++) {
            a0 = a0.fma(b, c);
            a1 = a1.fma(b, c);
            a2 = a2.fma(b, c);
            a3 = a3.fma(b, c);
            a4 = a4.fma(b, c);
            a5 = a5.fma(b, c);
            a6 = a6.fma(b, c);
            a7 = a7.fma(b, c);
            a8 = a8.fma(b, c);
            a9 = a9.fma(b, c);
            a10 = a10.fma(b, c);
            a11 = a11.fma(b, c);
            a12 = a12.fma(b, c);
            a13 = a13.fma(b, c);
            a14 = a14.fma(b, c);
            a15 = a15.fma(b, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11).add(a12).add(a13).add(a14).add(a15).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }

    /**
     * GB/s of {@code y += a x} over a working set of {@code bytes} per thread (x and y, doubles), each thread its own
     * arrays: 24 bytes moved per element (x read, y read and written).
     */
    static double bandwidth(int bytes, int threads) throws Exception {
        int n = Math.max(64, bytes / 16);
        double[][] xs = new double[threads][n];
        double[][] ys = new double[threads][n];
        long total = Math.max(4L * n, 400_000_000L / 24);
        int passes = (int) Math.max(1, total / n);
        Kernels k = Kernels.best();
        for (int t = 0; t < threads; t++) {
            k.axpy(1e-9, xs[t], ys[t], 0, n);
        }
        double seconds = parallel(threads, t -> {
            for (int p = 0; p < passes; p++) {
                k.axpy(1e-9, xs[t], ys[t], 0, n);
            }
            return ys[t][0];
        });
        return 24.0 * n * passes * threads / seconds / 1e9;
    }

    /** The average time of handing a counter to a second thread and waiting for it back, in ns. */
    static double handoffNanos() throws Exception {
        AtomicLong ball = new AtomicLong();
        int rounds = 200_000;
        Thread other = new Thread(() -> {
            for (long expect = 1; expect < 2L * rounds; expect += 2) {
                while (ball.get() != expect) {
                    Thread.onSpinWait();
                }
                ball.set(expect + 1);
            }
        });
        other.start();
        long start = System.nanoTime();
        for (long v = 0; v < 2L * rounds; v += 2) {
            ball.set(v + 1);
            while (ball.get() != v + 2) {
                Thread.onSpinWait();
            }
        }
        double ns = (double) (System.nanoTime() - start) / rounds;
        other.join();
        return ns;
    }

    interface Part {
        double run(int thread) throws Exception;
    }

    /**
     * Runs {@code part} on {@code threads} threads started together.
     *
     * @return the seconds from the first thread's start to the last one's end, each taken on the thread itself (the
     *         caller's clock would be wrong: with as many workers as cores it may not run again until one is done)
     */
    private static double parallel(int threads, Part part) throws Exception {
        CyclicBarrier go = new CyclicBarrier(threads + 1);
        long[] began = new long[threads];
        long[] ended = new long[threads];
        List<Thread> ts = new ArrayList<>();
        Exception[] failed = new Exception[1];
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                try {
                    go.await();
                    began[id] = System.nanoTime();
                    part.run(id);
                    ended[id] = System.nanoTime();
                } catch (Exception e) {
                    failed[0] = e;
                }
            });
            th.start();
            ts.add(th);
        }
        go.await();
        for (Thread th : ts) {
            th.join();
        }
        if (failed[0] != null) {
            throw failed[0];
        }
        return (java.util.Arrays.stream(ended).max().getAsLong() - java.util.Arrays.stream(began).min().getAsLong()) / 1e9;
    }
}
