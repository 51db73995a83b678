package org.mynn.bench;

import java.util.List;
import java.util.Locale;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
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
 * <p>Three parts: {@link MachineLimits} measures the limits (into {@link Limits}), {@link KernelRates} the kernels alone
 * and OpenBLAS, and this class runs them in turn, then trains each mode and reports it.
 *
 * <p>Usage: {@code bench/roofline.sh [--quick | --kernels | --batch | --deep]} ({@code --deep}: the float kernels alone on
 * the big layers of Ciresan's 784-2500-2000-1500-1000-500-10, {@link KernelRates#deep}): {@code --quick} measures fewer working sets and
 * trains 20,000 samples per mode; {@code --kernels} stops after the kernels alone; {@code --batch} runs only the
 * mini-batch modes (20,000 samples).
 */
public final class Roofline {

    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    private Roofline() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && (args[0].equals("--quick") || args[0].equals("--batch"));
        boolean deep = args.length > 0 && args[0].equals("--deep");
        System.out.printf(Locale.ROOT, "machine: %d cores, %s, vectors of %d bits, Java %s%n",
                Runtime.getRuntime().availableProcessors(), cpu(), D.vectorBitSize(), System.getProperty("java.version"));
        Limits limits = MachineLimits.limits(quick || deep);
        System.out.println();
        if (deep) {
            KernelRates.deep(limits);
            return;
        }
        KernelRates.kernels(limits);
        System.out.println();
        KernelRates.blas(limits);
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
