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
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Precision;
import org.mynn.core.model.TrainingSettings;
import org.mynn.core.train.Evaluator;
import org.mynn.core.train.Trainer;
import org.mynn.core.train.TrainingListener;
import org.mynn.data.Dataset;
import org.mynn.data.Split;

/**
 * A roofline of this machine, measured in Java, and where each of mynn's modes stands under it.
 *
 * <p>First the limits: the peak rate of fused multiply-adds (double and float, 1 and 2 threads, Vector API, 16
 * independent accumulators), the bandwidth of a read-modify-write stream ({@code y += a x}, what a training update
 * does) for working sets that fit the L1, the L2, the L3 and none, and the cost of handing work to a second thread and
 * back (two threads spinning on volatile counters, as {@code RowTeam} does). Then each mode: its time, the
 * floating-point work and the bytes of weights it moves, the GFLOP/s and GB/s it achieves, and the percentage of the
 * limit that binds it (the lower of the FMA peak and bandwidth times its arithmetic intensity, plus the handoffs a
 * per-sample step needs). Between the two, the mini-batch kernels alone, and the same products by OpenBLAS through
 * scipy (a hand-tuned BLAS on this machine, for comparison).
 *
 * <p>Usage: {@code bench/roofline.sh [--quick | --kernels | --batch]}: {@code --quick} measures fewer working sets and
 * trains 20,000 samples per mode; {@code --kernels} stops after the kernels alone; {@code --batch} runs only the
 * mini-batch modes (20,000 samples).
 */
public final class Roofline {

    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    /** The limits measured, for the modes to be compared with. */
    record Limits(double fmaDouble1, double fmaDouble2, double fmaFloat1, double fmaFloat2, double[] sizes,
            double[][] bandwidth1, double[][] bandwidth2, double handoffNanos) {

        /**
         * @return the read-modify-write bandwidth in GB/s for a working set of exactly {@code bytes} per thread,
         *         measured on first use (best of 3)
         */
        double bandwidth(double bytes, int threads) {
            return MEASURED.computeIfAbsent(threads + ":" + (long) bytes, key -> {
                try {
                    return best(3, () -> Roofline.bandwidth((int) bytes, threads));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        double fma(boolean isFloat, int threads) {
            return isFloat ? (threads == 1 ? fmaFloat1 : fmaFloat2) : (threads == 1 ? fmaDouble1 : fmaDouble2);
        }
    }

    private static final java.util.Map<String, Double> MEASURED = new java.util.HashMap<>();

    private Roofline() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && (args[0].equals("--quick") || args[0].equals("--batch"));
        System.out.printf(Locale.ROOT, "machine: %d cores, %s, vectors of %d bits, Java %s%n",
                Runtime.getRuntime().availableProcessors(), cpu(), D.vectorBitSize(), System.getProperty("java.version"));
        Limits limits = limits(quick);
        System.out.println();
        kernels(limits);
        System.out.println();
        blas(limits);
        System.out.println();
        if (args.length > 0 && args[0].equals("--kernels")) {
            return;
        }
        if (args.length > 0 && args[0].equals("--batch")) {
            Dataset train = Data.mnist(Split.TRAIN);
            header(20_000);
            batchModes(limits, train.slice(0, 20_000));
            return;
        }
        modes(limits, quick);
    }

    private static String cpu() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (java.io.IOException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    // ---- the machine's limits ----------------------------------------------------------------------------

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
        double handoff = least(5, Roofline::handoffNanos);
        System.out.printf(Locale.ROOT, "  handing work to a second thread and back (spinning): %.0f ns%n", handoff);
        return new Limits(d1, d2, f1, f2, sizes, b1, b2, handoff);
    }

    interface Measure {
        double run() throws Exception;
    }

    /** @return the largest of {@code runs} measurements (rates: the machine can do at least that) */
    private static double best(int runs, Measure m) throws Exception {
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

    // ---- the mini-batch kernels alone, one thread ----

    static void kernels(Limits l) throws Exception {
        Kernels k = Kernels.best();
        int batch = 64;
        int n = 784;
        int m = 800;
        java.util.Random r = new java.util.Random(1);
        double[] a = r.doubles((long) batch * n).toArray();
        double[] w = r.doubles((long) m * n, -0.05, 0.05).toArray();
        double[] z = new double[batch * m];
        double[] gt = r.doubles((long) m * batch, -1e-3, 1e-3).toArray();
        double[] e = new double[batch * n];
        double flops = 2.0 * batch * n * m;
        System.out.printf(Locale.ROOT, "the mini-batch kernels alone (%s), one thread, batch %d, a %dx%d matrix (best of 5):%n",
                k.name(), batch, m, n);
        double f = best(5, () -> rate(flops, 20, () -> k.forwardBatch(a, batch, n, w, m, z, 0, m)));
        double[] at = r.doubles((long) batch * n).toArray();
        double ft = best(5, () -> rate(flops, 20, () -> k.forwardBatchT(at, batch, n, w, z, 0, m)));
        double u = best(5, () -> rate(flops, 20, () -> k.updateBatch(1e-9, gt, batch, a, n, w, 0, m)));
        double b = best(5, () -> rate(flops, 20, () -> k.backpropBatch(z, batch, m, w, n, e, 0, n)));
        double p = l.fma(false, 1);
        System.out.printf(Locale.ROOT, "  forward  (z = a W^T):    %6.1f GFLOP/s, %3.0f%% of the FMA peak%n", f, 100 * f / p);
        System.out.printf(Locale.ROOT, "  forward, transposed (z^T = W a^T): %6.1f GFLOP/s, %3.0f%% of the FMA peak%n", ft, 100 * ft / p);
        System.out.printf(Locale.ROOT, "  update   (W += g^T a):   %6.1f GFLOP/s, %3.0f%% of the FMA peak%n", u, 100 * u / p);
        System.out.printf(Locale.ROOT, "  backprop (e = v W):      %6.1f GFLOP/s, %3.0f%% of the FMA peak%n", b, 100 * b / p);
        float[] atf = narrow(at);
        float[] af = narrow(a);
        float[] wf = narrow(w);
        float[] zf = new float[batch * m];
        float[] gtf = narrow(gt);
        float[] ef = new float[batch * n];
        double fft = best(5, () -> rate(flops, 20, () -> k.forwardBatchT(atf, batch, n, wf, zf, 0, m)));
        double fu = best(5, () -> rate(flops, 20, () -> k.updateBatch(1e-9f, gtf, batch, af, n, wf, 0, m)));
        double fb = best(5, () -> rate(flops, 20, () -> k.backpropBatch(zf, batch, m, wf, n, ef, 0, n)));
        double pf = l.fma(true, 1);
        System.out.printf(Locale.ROOT, "  float forward, transposed: %6.1f GFLOP/s, %3.0f%% of the float FMA peak%n", fft, 100 * fft / pf);
        System.out.printf(Locale.ROOT, "  float update:              %6.1f GFLOP/s, %3.0f%% of the float FMA peak%n", fu, 100 * fu / pf);
        System.out.printf(Locale.ROOT, "  float backprop:            %6.1f GFLOP/s, %3.0f%% of the float FMA peak%n", fb, 100 * fb / pf);
    }

    /**
     * The same three products by OpenBLAS (through scipy, {@code bench/python/blas_gemm.py}), on 1 and 2 threads: what a
     * hand-tuned BLAS reaches on these shapes on this machine, beside mynn's kernels. Skipped, with the reason, when
     * Python, numpy or scipy is missing.
     */
    static void blas(Limits l) throws Exception {
        java.nio.file.Path script = java.nio.file.Path.of("bench", "python", "blas_gemm.py");
        String version;
        try {
            version = python(script, 1, "--version").trim();
        } catch (java.io.IOException e) {
            System.out.println("the same products by OpenBLAS: skipped (" + e.getMessage() + ")");
            return;
        }
        for (int threads : new int[] {1, 2}) {
            System.out.printf(Locale.ROOT, "the same products by OpenBLAS %s (scipy's), %d thread%s, batch 64, a 800x784 matrix "
                    + "(best of 5):%n", version, threads, threads == 1 ? "" : "s");
            System.out.print(python(script, threads, String.format(Locale.ROOT, "%.1f", l.fma(false, threads)),
                    String.format(Locale.ROOT, "%.1f", l.fma(true, threads))));
        }
    }

    /** @return what {@code python3 script args} prints, with OpenBLAS on {@code threads} threads */
    private static String python(java.nio.file.Path script, int threads, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(threads));
        Process p;
        try {
            p = pb.start();
        } catch (java.io.IOException e) {
            throw new java.io.IOException("python3 is not installed");
        }
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            String[] lines = out.strip().split("\n");
            throw new java.io.IOException("python3 " + script + " failed: " + lines[lines.length - 1]);
        }
        return out;
    }

    private static float[] narrow(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    /** GFLOP/s of {@code times} runs of {@code work} of {@code flops} each, after as many runs to warm up. */
    private static double rate(double flops, int times, Runnable work) {
        for (int i = 0; i < times; i++) {
            work.run();
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < times; i++) {
            work.run();
        }
        return flops * times / (System.nanoTime() - t0);
    }

    // ---- the modes -----------------------------------------------------------------------------------------

    /** A mode's figures: time, work and traffic, and how close it comes to what binds it. */
    static void report(String mode, double seconds, double flops, double bytes, double bytesPerThread, boolean isFloat,
            int threads, double handoffs, Limits l) {
        double gflops = flops / seconds / 1e9;
        double gbs = bytes / seconds / 1e9;
        double peak = l.fma(isFloat, threads);
        double bw = l.bandwidth(bytesPerThread, threads);
        double intensity = flops / bytes;
        double roof = Math.min(peak, bw * intensity);
        double bound = flops / (roof * 1e9) + handoffs * l.handoffNanos() / 1e9;
        String binds = peak <= bw * intensity ? String.format(Locale.ROOT, "FMA %.0f", peak)
                : String.format(Locale.ROOT, "RMW %.0f GB/s", bw);
        System.out.printf(Locale.ROOT, "| %-48s | %6.2f | %7.1f | %6.1f | %-22s | %7.3f | %4.0f%% |%n", mode, seconds, gflops, gbs,
                binds + (handoffs > 0 ? " + handoffs" : ""), bound, 100 * bound / seconds);
    }

    private static void header(int n) {
        System.out.printf(Locale.ROOT, "modes (%,d training samples each; s: training only, for one pass, the best of %d):%n", n,
                PASSES);
        System.out.printf(Locale.ROOT, "| %-48s | %6s | %7s | %6s | %-22s | %7s | %5s |%n", "mode", "s", "GFLOP/s", "GB/s",
                "limit that binds", "limit s", "of it");
        System.out.println("|" + "-".repeat(50) + "|--------|---------|--------|" + "-".repeat(24) + "|---------|-------|");
    }

    static void modes(Limits l, boolean quick) throws Exception {
        Dataset train = Data.mnist(Split.TRAIN);
        Dataset test = Data.mnist(Split.TEST);
        int n = quick ? 20_000 : train.size();
        Dataset part = n == train.size() ? train : train.slice(0, n);
        header(n);
        int[] book = {784, 200, 10};
        for (String precision : List.of("double", "float")) {
            for (int threads : new int[] {1, 2}) {
                boolean isFloat = precision.equals("float");
                NeuralNetwork net = NeuralNetwork.builder(book).seed(1).build();
                TrainingSettings s = TrainingSettings.of(net).withThreads(threads)
                        .withPrecision(isFloat ? Precision.FLOAT : Precision.DOUBLE);
                double secs = trainSeconds(net, s, part);
                double w0 = 784.0 * 200;
                double w1 = 200.0 * 10;
                double flops = n * (4 * w0 + 6 * w1);
                double bytes = n * (isFloat ? 8 : 16) * (w0 + w1);
                report("784-200-10, per sample, " + precision + ", " + threads + " thread" + (threads == 1 ? "" : "s"), secs,
                        flops, bytes, (isFloat ? 4 : 8) * (w0 + w1) / threads, isFloat, threads, threads > 1 ? n : 0, l);
            }
        }
        batchModes(l, part);
        NeuralNetwork trained = new Trainer(TrainingSettings.of(NeuralNetwork.builder(book).seed(1).build()),
                TrainingListener.NONE).fit(NeuralNetwork.builder(book).seed(1).build(), part.slice(0, 5000), null, 1);
        for (int threads : new int[] {1, 2}) {
            double best = Double.MAX_VALUE;
            for (int r = 0; r < 5; r++) {
                long t0 = System.nanoTime();
                Evaluator.evaluate(trained, test, threads);
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
            double w = trained.weightCount();
            // 64 images per forward pass: the weights are read once per 64 images, each image's 784 inputs once
            double bytes = 8.0 * w * Math.ceil(test.size() / 64.0) + 8.0 * 784 * test.size();
            report("testing 10,000 images, " + threads + " thread" + (threads == 1 ? "" : "s"), best, 2.0 * w * test.size(),
                    bytes, 8 * w, false, threads, 0, l);
        }
    }

    /**
     * Mini-batch training, double and float: the product of each layer forward and the update of each weight matrix
     * (2 FLOP per weight and sample each), the errors sent back for every layer but the first (the first layer's are
     * not needed), each weight read and written once per product and batch.
     */
    static void batchModes(Limits l, Dataset part) throws Exception {
        int n = part.size();
        for (int[] layers : new int[][] {{784, 800, 10}, {784, 500, 500, 10}}) {
            for (Precision p : new Precision[] {Precision.DOUBLE, Precision.FLOAT}) {
                NeuralNetwork net = NeuralNetwork.builder(layers).seed(1).build();
                TrainingSettings s = TrainingSettings.of(net).withThreads(2).withBatch(64).withLearningRate(0.5)
                        .withPrecision(p);
                double secs = trainSeconds(net, s, part);
                double weights = net.weightCount();
                double first = (double) layers[0] * layers[1];
                double flops = n * (6.0 * weights - 2.0 * first);
                boolean isFloat = p == Precision.FLOAT;
                int size = isFloat ? 4 : 8;
                double bytes = 2.0 * size * Math.ceil(n / 64.0) * (3 * weights - first);
                report(net.shape() + ", mini-batch 64, " + (isFloat ? "float" : "double") + ", 2 threads", secs, flops, bytes,
                        size * weights / 2, isFloat, 2, 0, l);
            }
        }
    }

    /** Passes timed per training mode; the fastest counts (a shared machine only ever slows a pass down). */
    static final int PASSES = 2;

    private static double trainSeconds(NeuralNetwork net, TrainingSettings s, Dataset data) {
        Trainer warm = new Trainer(s, TrainingListener.NONE);
        warm.fit(net, data.slice(0, Math.min(3000, data.size())), null, 1);
        double best = Double.MAX_VALUE;
        for (int pass = 0; pass < PASSES; pass++) {
            NeuralNetwork done = new Trainer(s, TrainingListener.NONE).fit(net, data, null, 1);
            best = Math.min(best, done.provenance().history().get(0).seconds());
        }
        return best;
    }
}
