package org.mynn.core.train;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.BooleanSupplier;
import org.mynn.core.kernel.Kernels;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.TrainingSettings;

/**
 * Gets the training code compiled before the first epoch. Java runs a method slowly (interpreted, then lightly
 * compiled) until it has been called often enough for the optimising compiler, and the training kernels are slowest of
 * all before that (the Vector API's operations are calls that allocate); left to the first epoch, this costs a fresh
 * JVM's first epoch a third to a half of an epoch. So a run can start a warm-up with a network of the same kind (the
 * same engine, layer classes, activations, loss, optimizer, batch and precision: what decides the code the compiler
 * writes) on a background thread before it reads its data, training a throwaway copy on made-up samples and testing
 * it (a run whose inputs cost work, images distorted afresh, gives it made-up pictures distorted so, and the
 * distortion's code compiles too), and {@link #settle()} it when the data is there: the warm-up goes on until the compiler has nothing more to do
 * for it, then stops. Nothing of the warm-up reaches the run: its network, engine and samples are its own; a warm-up
 * that fails (a stand-in that does not fit an engine) just ends.
 *
 * <p>Settled means: no compilation has finished during the last {@value #QUIET_MILLIS} ms of the warm-up, over at
 * least two passes of {@value #SAMPLES} made-up samples (the JVM's {@link CompilationMXBean} counts the compilers'
 * time); reading the data usually takes less time than the compiler needs, so {@link #settle()} waits for the rest, at
 * most {@value #SETTLE_MILLIS} ms. A narrow stand-in gets through the slow early code several times faster than the
 * run's network would (its first epoch would run those samples interpreted), so the run starts sooner as well as its
 * first epoch running at the speed of the second. The warm-up uses one thread, stops within a sample (or batch) of
 * {@link #close()}, and by itself after {@value #MAX_MILLIS} ms (data being downloaded); stand-ins of more than
 * {@value #MAX_WEIGHTS} weights, and machines with one processor, get no warm-up.
 */
public final class Warmup implements AutoCloseable {

    /** Networks larger than this are not warmed up. */
    public static final long MAX_WEIGHTS = 2_000_000;
    /**
     * Hidden layers up to this width are kept as they are by {@link #narrow}; wider ones are cut to this plus their
     * width's remainder modulo it, so that the kernels' loops end in the same partial vectors as the run's.
     */
    static final int WIDTH = 64;
    /** The longest a warm-up runs (data downloaded on first use can take long; the compiler is done well before). */
    static final long MAX_MILLIS = 4000;
    /** Made-up samples per pass. */
    static final int SAMPLES = 512;
    /** How long no compilation may finish before the warm-up counts as settled. */
    static final long QUIET_MILLIS = 250;
    /** The longest {@link #settle()} waits for the warm-up to settle. */
    static final long SETTLE_MILLIS = 3000;

    private static final Warmup NONE = new Warmup();

    private final Thread thread;
    private volatile boolean stop;
    private volatile boolean settled;
    private volatile long until;
    private volatile long samples;

    private Warmup() {
        this.thread = null;
    }

    private Warmup(NeuralNetwork net, TrainingSettings settings, Kernels kernels, TrainingData data, long maxMillis) {
        this.until = System.nanoTime() + maxMillis * 1_000_000;
        this.thread = new Thread(() -> run(net, settings.withThreads(1), kernels, data), "mynn-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
    }

    /**
     * Starts warming up for a run of {@code settings} on networks like {@code standIn} (its weights are never changed).
     *
     * @return the warm-up, to close when the run starts; one that does nothing when the network is too large
     */
    public static Warmup start(NeuralNetwork standIn, TrainingSettings settings, Kernels kernels) {
        return start(standIn, settings, kernels, null, MAX_MILLIS);
    }

    /**
     * {@link #start(NeuralNetwork, TrainingSettings, Kernels)} on samples of the run's kind: a run whose inputs cost work
     * (images distorted afresh every epoch) gets that work compiled too, on made-up pictures distorted so.
     *
     * @param data the stand-in's samples, e.g. {@link #madeUp} pictures distorted for an epoch; null for {@link #madeUp}
     */
    public static Warmup start(NeuralNetwork standIn, TrainingSettings settings, Kernels kernels, TrainingData data) {
        return start(standIn, settings, kernels, data, MAX_MILLIS);
    }

    static Warmup start(NeuralNetwork standIn, TrainingSettings settings, Kernels kernels, long maxMillis) {
        return start(standIn, settings, kernels, null, maxMillis);
    }

    static Warmup start(NeuralNetwork standIn, TrainingSettings settings, Kernels kernels, TrainingData data,
            long maxMillis) {
        if (standIn.weightCount() > MAX_WEIGHTS || Runtime.getRuntime().availableProcessors() < 2) {
            // (on one processor the warm-up would only slow the loading down)
            return NONE;
        }
        Warmup w = new Warmup(standIn, settings, kernels, data, maxMillis);
        w.thread.start();
        return w;
    }

    /** {@link #start(NeuralNetwork, TrainingSettings, Kernels)} with the kernels {@link Trainer} uses by default. */
    public static Warmup start(NeuralNetwork standIn, TrainingSettings settings) {
        return start(standIn, settings, Kernels.best());
    }

    /**
     * @return {@code layers} with every hidden layer wider than {@value #WIDTH} nodes cut to {@value #WIDTH} plus its
     *         remainder modulo {@value #WIDTH} (200 to 72, 800 to 96): a stand-in of the same kind whose made-up
     *         samples run through the slow early code several times faster, and whose loops end as the run's do
     */
    public static int[] narrow(int[] layers) {
        int[] sizes = layers.clone();
        for (int k = 1; k < sizes.length - 1; k++) {
            if (sizes[k] > WIDTH) {
                sizes[k] = WIDTH + sizes[k] % WIDTH;
            }
        }
        return sizes;
    }

    /** @return a warm-up that does nothing */
    public static Warmup none() {
        return NONE;
    }

    /** @return made-up samples of this shape, to build a stand-in network for */
    public static TrainingData madeUp(int inputs, int classes) {
        return new MadeUp(inputs, classes);
    }

    /** @return the made-up samples trained so far (for tests) */
    long samples() {
        return samples;
    }

    /** @return whether the compiler has had nothing more to do for the warm-up for a while (for tests) */
    boolean settled() {
        return settled;
    }

    /** @return its thread; null for {@link #none()} (for tests) */
    Thread thread() {
        return thread;
    }

    /** @return whether its thread is still running (for tests) */
    boolean running() {
        return thread != null && thread.isAlive();
    }

    private void run(NeuralNetwork net, TrainingSettings settings, Kernels kernels, TrainingData given) {
        int[] sizes = net.layers();
        TrainingData data = given != null ? given : new MadeUp(sizes[0], sizes[sizes.length - 1]);
        BooleanSupplier over = () -> stop || System.nanoTime() - until > 0;
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean timed = jit != null && jit.isCompilationTimeMonitoringSupported();
        long compiled = -1;
        long quietSince = System.nanoTime();
        int quietPasses = 0;
        try (TrainingEngine engine = Trainer.engine(net, settings, kernels)) {
            while (!over.getAsBoolean()) {
                samples += engine.train(data, 0, data.size(), null, over);
                if (!over.getAsBoolean()) {
                    Evaluator.evaluate(net, data, 1);
                }
                long now = System.nanoTime();
                long c = timed ? jit.getTotalCompilationTime() : -1;
                if (c != compiled) {
                    compiled = c;
                    quietSince = now;
                    quietPasses = 0;
                } else if (++quietPasses >= 2 && now - quietSince >= QUIET_MILLIS * 1_000_000 && timed) {
                    settled = true;
                    synchronized (this) {
                        notifyAll();
                    }
                }
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            // a made-up run that goes wrong (diverges on its made-up samples, or asks for more than there is) has warmed
            // up what it could; the real run checks its own settings and says what is wrong
        }
    }

    /**
     * Lets the warm-up go on until it has {@linkplain Warmup settled} (the compiler done with the training code), at
     * most {@value #SETTLE_MILLIS} ms from now, then stops it: for a run whose data is there.
     */
    public void settle() {
        settle(SETTLE_MILLIS);
    }

    void settle(long maxMillis) {
        if (thread == null) {
            return;
        }
        long end = System.nanoTime() + maxMillis * 1_000_000;
        until = end;
        synchronized (this) {
            while (!settled && thread.isAlive() && System.nanoTime() - end < 0) {
                try {
                    wait(Math.max(1, Math.min(50, (end - System.nanoTime()) / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        close();
    }

    /** Stops the warm-up and waits for its thread (a sample or a batch). */
    @Override
    public void close() {
        if (thread == null) {
            return;
        }
        stop = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Samples of pseudo-random pixels in the book's input range, labels in turn. */
    private static final class MadeUp implements TrainingData {
        private final int inputs;
        private final int classes;

        MadeUp(int inputs, int classes) {
            this.inputs = inputs;
            this.classes = classes;
        }

        @Override
        public String name() {
            return "warm-up";
        }

        @Override
        public int size() {
            return SAMPLES;
        }

        @Override
        public int inputSize() {
            return inputs;
        }

        @Override
        public int classCount() {
            return classes;
        }

        @Override
        public void input(int i, double[] out) {
            int x = 0x9E3779B9 * (i + 1);
            for (int k = 0; k < inputs; k++) {
                x ^= x << 13;
                x ^= x >>> 17;
                x ^= x << 5;
                // most pixels of a digit are background
                out[k] = (x & 3) == 0 ? 0.01 + (x >>> 8) * (0.99 / (1 << 24)) : 0.01;
            }
        }

        @Override
        public void target(int i, double[] out) {
            java.util.Arrays.fill(out, 0.01);
            out[label(i)] = 0.99;
        }

        @Override
        public int label(int i) {
            return i % classes;
        }
    }
}
