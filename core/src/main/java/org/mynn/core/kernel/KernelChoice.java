package org.mynn.core.kernel;

/**
 * Which kernels a piece of work runs on, by its size. The Vector API's kernels are several times faster than the
 * scalar ones once the JIT compiler has compiled them, but until then Java runs them in the interpreter and in C1
 * code that makes objects for every vector operation: a fresh JVM spends one to two seconds of a 2-core machine before
 * they pay off. Work shorter than that, a {@code mynn test} on the 10,000 test images of the book's network, a query
 * of one picture, runs faster on the scalar kernels from start to end. Both give the same bits (the canonical order,
 * {@link Kernels}), so the choice changes only the time, never a result.
 *
 * <p>Training does not ask: its engines run on the kernels bound once per injector ({@link Kernels#best()}).
 */
public final class KernelChoice {

    /**
     * The multiply-adds from which the vector kernels win in a fresh JVM. On 2 cores (AVX-512), {@code mynn test} of
     * the book's 784-200-10 network (158,800 multiply-adds an image) took about 1.3 s longer with the vector kernels
     * on 10,000 images and 1.1 s less on 60,000: even near 35,000 images by interpolation, 5.6 billion multiply-adds.
     * The threshold sits a little below, about 31,000 images.
     */
    public static final long VECTOR_FROM = 5_000_000_000L;

    private final Kernels best;
    private final Kernels scalar;

    /** @param best the kernels for long work, those the injector binds */
    public KernelChoice(Kernels best) {
        this.best = best;
        this.scalar = best instanceof ScalarKernels ? best : new ScalarKernels();
    }

    /**
     * @param multiplyAdds about how many multiply-adds the work does (weights times samples for a forward pass)
     * @return the scalar kernels for work below {@link #VECTOR_FROM}, else the best ones
     */
    public Kernels forWork(long multiplyAdds) {
        return multiplyAdds < VECTOR_FROM ? scalar : best;
    }

    /** @return the kernels for long work */
    public Kernels best() {
        return best;
    }
}
