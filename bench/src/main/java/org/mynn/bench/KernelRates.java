package org.mynn.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mynn.core.kernel.Kernels;

/**
 * The middle part of the {@link Roofline}: the mini-batch kernels alone, one thread, and beside them the same
 * products by OpenBLAS through scipy (a hand-tuned BLAS on this machine, for comparison).
 */
final class KernelRates {

    private KernelRates() {
    }

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
        double f = MachineLimits.best(5, () -> rate(flops, 20, () -> k.forwardBatch(a, batch, n, w, m, z, 0, m)));
        double[] at = r.doubles((long) batch * n).toArray();
        double ft = MachineLimits.best(5, () -> rate(flops, 20, () -> k.forwardBatchT(at, batch, n, w, z, 0, m)));
        double u = MachineLimits.best(5, () -> rate(flops, 20, () -> k.updateBatch(1e-9, gt, batch, a, n, w, 0, m)));
        double b = MachineLimits.best(5, () -> rate(flops, 20, () -> k.backpropBatch(z, batch, m, w, n, e, 0, n)));
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
        double fft = MachineLimits.best(5, () -> rate(flops, 20, () -> k.forwardBatchT(atf, batch, n, wf, zf, 0, m)));
        double fu = MachineLimits.best(5, () -> rate(flops, 20, () -> k.updateBatch(1e-9f, gtf, batch, af, n, wf, 0, m)));
        double fb = MachineLimits.best(5, () -> rate(flops, 20, () -> k.backpropBatch(zf, batch, m, wf, n, ef, 0, n)));
        double pf = l.fma(true, 1);
        System.out.printf(Locale.ROOT, "  float forward, transposed: %6.1f GFLOP/s, %3.0f%% of the float FMA peak%n", fft, 100 * fft / pf);
        System.out.printf(Locale.ROOT, "  float update:              %6.1f GFLOP/s, %3.0f%% of the float FMA peak%n", fu, 100 * fu / pf);
        System.out.printf(Locale.ROOT, "  float backprop:            %6.1f GFLOP/s, %3.0f%% of the float FMA peak%n", fb, 100 * fb / pf);
    }

    /**
     * The float kernels alone on the big layers of Ciresan et al.'s 784-2500-2000-1500-1000-500-10 (each weight
     * matrix rows x columns, batch 64), on one thread and on two (the rows split in halves, as the engine's team
     * splits them): GFLOP/s and the share of the float FMA peak on as many threads. The update is the fused momentum
     * step ({@link Kernels#stepBatch}), as float training with momentum runs it.
     */
    static void deep(Limits l) throws Exception {
        Kernels k = Kernels.best();
        int batch = 64;
        int[][] shapes = {{2500, 784}, {2000, 2500}, {1500, 2000}, {1000, 1500}};
        System.out.printf(Locale.ROOT, "the float kernels alone (%s) on the big layers of 784-2500-2000-1500-1000-500-10, "
                + "batch %d (best of 3):%n", k.name(), batch);
        System.out.printf(Locale.ROOT, "  %-10s %8s | %28s | %28s | %28s%n", "layer", "threads", "forward (z^T = W a^T)",
                "momentum step (W += g^T a)", "backprop (e = v W)");
        org.mynn.core.kernel.FloatStep step = org.mynn.core.kernel.FloatStep.momentum(1e-6, 0.9, false);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int[] shape : shapes) {
                int m = shape[0];
                int n = shape[1];
                java.util.Random r = new java.util.Random(1);
                float[] a = narrow(r.doubles((long) batch * n).toArray());
                float[] w = narrow(r.doubles((long) m * n, -0.05, 0.05).toArray());
                float[] v = new float[m * n];
                float[] z = new float[batch * m];
                float[] gt = narrow(r.doubles((long) m * batch, -1e-3, 1e-3).toArray());
                float[] e = new float[batch * n];
                double flops = 2.0 * batch * n * m;
                for (int threads = 1; threads <= 2; threads++) {
                    int parts = threads;
                    Split f = (r0, r1) -> k.forwardBatchT(a, batch, n, w, z, r0, r1);
                    Split u = (r0, r1) -> k.stepBatch(step, 1e-9f, gt, batch, a, n, w, v, null, r0, r1);
                    Split b = (r0, r1) -> k.backpropBatch(z, batch, m, w, n, e, r0, r1);
                    double rf = MachineLimits.best(3, () -> rate(flops, 5, () -> split(pool, parts, m, f)));
                    double ru = MachineLimits.best(3, () -> rate(flops, 5, () -> split(pool, parts, m, u)));
                    double rb = MachineLimits.best(3, () -> rate(flops, 5, () -> split(pool, parts, n, b)));
                    double pf = l.fma(true, threads);
                    System.out.printf(Locale.ROOT, "  %-10s %8d | %10.1f GFLOP/s, %3.0f%% peak | %10.1f GFLOP/s, %3.0f%% peak "
                            + "| %10.1f GFLOP/s, %3.0f%% peak%n", m + "x" + n, threads, rf, 100 * rf / pf, ru, 100 * ru / pf,
                            rb, 100 * rb / pf);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A kernel over rows (or columns) {@code [r0, r1)}. */
    private interface Split {
        void run(int r0, int r1);
    }

    /** Runs {@code work} over {@code [0, size)} in {@code parts} halves, the second half on the pool. */
    private static void split(java.util.concurrent.ExecutorService pool, int parts, int size, Split work) {
        if (parts == 1) {
            work.run(0, size);
            return;
        }
        int mid = size / 2;
        java.util.concurrent.Future<?> other = pool.submit(() -> work.run(mid, size));
        work.run(0, mid);
        try {
            other.get();
        } catch (InterruptedException | java.util.concurrent.ExecutionException ex) {
            throw new IllegalStateException(ex);
        }
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
}
