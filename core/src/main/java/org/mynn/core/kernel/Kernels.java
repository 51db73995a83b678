package org.mynn.core.kernel;

/**
 * The loops that do nearly all the work, in double and in float. Arrays are flat; a weight row starts at
 * {@code off}. Every multiply-add is a fused multiply-add ({@code Math.fma}), so a result does not depend on whether
 * an element fell into a vector body or a scalar tail.
 *
 * <p><b>The canonical order.</b> Every dot product ({@link #dot}, {@link #axpyDot}, {@link #dotRows},
 * {@link #axpyDotRows}, {@link #forwardBatch}) sums {@code n} products in one order, the same for every
 * implementation and every vector width, so results are the same bits on 128-, 256- and 512-bit vectors and with
 * {@link ScalarKernels}. It is that of a <i>virtual vector</i> of {@code V} lanes, {@code V = 8} in double and
 * {@code V = 16} in float (512 bits):
 * <ol>
 * <li>{@code full = n - n % V}. Lane {@code k < V} accumulates {@code acc[k] = fma(w[j], x[j], acc[k])} over
 * {@code j = k, k+V, k+2V, ... < full} in that order, starting from {@code 0}.
 * <li>The lanes are folded to one value by halving: {@code t[k] = acc[k] + acc[k + V/2]} for {@code k < V/2}, then
 * {@code t[k] + t[k + V/4]} for {@code k < V/4}, and so on down to one value. In double that is
 * {@code ((acc[0]+acc[4]) + (acc[2]+acc[6])) + ((acc[1]+acc[5]) + (acc[3]+acc[7]))}.
 * <li>The tail: {@code s = fma(w[j], x[j], s)} for {@code j = full .. n-1} in order, starting from the folded value.
 * </ol>
 * ({@link #axpyDot} sums the updated row so.) The vector kernels keep the virtual lanes in {@code K = V / H} hardware
 * vectors of {@code H} lanes ({@code K} is 1, 2 or 4; {@code a_i} holds lanes {@code i*H .. i*H+H-1}); they fold them
 * {@code a0} (K = 1), {@code a0 + a1} (K = 2) or {@code (a0 + a2) + (a1 + a3)} (K = 4), which are the tree's first
 * levels, lane by lane, and finish with the tree within one hardware vector (rotate by half its lanes and add, then
 * by a quarter, ...). Every other sum (the mini-batch kernels') runs along one index in order per
 * element and does not depend on the width either.
 *
 * <p>This interface only declares: {@link ScalarKernels} is the whole reference in plain Java, and
 * {@code VectorKernels} implements every method with the Vector API, bit for bit the same.
 */
public interface Kernels {

    /**
     * The canonical order's name, recorded in model files ({@code platform.sums}): weights trained with it are the
     * same bits whatever the kernels and the vector width. A change of the order gets a new name.
     */
    String SUMS = "8/16 virtual lanes";

    /** @return e.g. "scalar" or "vector (512-bit, 8-lane sums)" */
    String name();

    /** @return the width of the vectors the loops use, in bits; 0 for plain Java */
    int vectorBits();

    /** @return {@code sum_j w[off+j] * x[j]}, {@code j < n}, accumulated in the canonical order (see above) */
    double dot(double[] w, int off, double[] x, int n);

    /**
     * The fused step of training: {@code w[off+j] += a * xp[j]} for every {@code j}, then, on the updated row,
     * {@code dot(w, off, xn, n)}. Bit for bit what {@link #axpy} followed by {@link #dot} give.
     *
     * @param w modified
     */
    double axpyDot(double a, double[] xp, double[] w, int off, double[] xn, int n);

    /** {@code w[off+j] += a * x[j]}; @param w modified */
    void axpy(double a, double[] x, double[] w, int off, int n);

    /**
     * Backpropagation and update of one row in one pass: {@code e[j] += v * w[off+j]} (the old weight), then
     * {@code w[off+j] += a * in[j]}.
     *
     * @param w modified
     * @param e modified
     */
    void backAxpy(double v, double a, double[] in, double[] w, int off, double[] e, int n);

    /**
     * {@code z[r] = dot(w, r*n, x, n)} for rows {@code r0 <= r < r1}, bit for bit; faster, as {@code x} is read
     * once for several rows.
     *
     * @param z modified
     */
    void dotRows(double[] w, int r0, int r1, int n, double[] x, double[] z);

    /**
     * {@code z[r] = axpyDot(alpha[r], xp, w, r*n, xn, n)} for rows {@code r0 <= r < r1}, bit for bit; faster, as
     * {@code xp} and {@code xn} are read once for several rows.
     *
     * @param w modified
     * @param z modified
     */
    void axpyDotRows(double[] alpha, double[] xp, double[] w, int r0, int r1, int n, double[] xn, double[] z);

    /** Float {@link #dotRows(double[], int, int, int, double[], double[])}, results widened to double. */
    void dotRows(float[] w, int r0, int r1, int n, float[] x, double[] z);

    /** Float {@link #axpyDotRows(double[], double[], double[], int, int, int, double[], double[])}. */
    void axpyDotRows(double[] alpha, float[] xp, float[] w, int r0, int r1, int n, float[] xn, double[] z);

    /** Float {@link #dot(double[], int, double[], int)}. */
    float dot(float[] w, int off, float[] x, int n);

    /** Float {@link #axpyDot(double, double[], double[], int, double[], int)}. */
    float axpyDot(float a, float[] xp, float[] w, int off, float[] xn, int n);

    /** Float {@link #axpy(double, double[], double[], int, int)}. */
    void axpy(float a, float[] x, float[] w, int off, int n);

    /** Float {@link #backAxpy(double, double, double[], double[], int, double[], int)}. */
    void backAxpy(float v, float a, float[] in, float[] w, int off, float[] e, int n);

    // ---- mini-batch (GEMM-style); matrices are row-major, batch rows first ----

    /**
     * {@code z[b*m + r] = sum_j a[b*n + j] * w[r*n + j]} for every sample {@code b < batch} and the rows
     * {@code r0 <= r < r1} of {@code w}; each sum as {@link #dot} sums it (the canonical order), whatever
     * {@code r0, r1}.
     *
     * @param z modified
     */
    void forwardBatch(double[] a, int batch, int n, double[] w, int m, double[] z, int r0, int r1);

    /**
     * The forward product of mini-batch training, on transposed operands: {@code zt[r*batch + b] = sum_j w[r*n + j] *
     * at[j*batch + b]} for the rows {@code r0 <= r < r1}, each sum over {@code j} in order with fused multiply-adds,
     * so the result does not depend on the kernel nor on how the rows are shared out. Unlike {@link #forwardBatch} it
     * needs no sum across vector lanes, so it runs close to the machine's peak; it is not bit for bit {@link #dot}.
     *
     * @param at the inputs, one column per sample ({@code n x batch})
     * @param zt modified: the outputs, one column per sample ({@code m x batch})
     */
    void forwardBatchT(double[] at, int batch, int n, double[] w, double[] zt, int r0, int r1);

    /**
     * {@code w[r*n + j] += alpha * sum_b gt[r*batch + b] * a[b*n + j]} for rows {@code r0 <= r < r1}: the update of
     * mini-batch gradient descent, with {@code gt} the transposed deltas; the sum over {@code b} in order.
     *
     * @param w modified
     */
    void updateBatch(double alpha, double[] gt, int batch, double[] a, int n, double[] w, int r0, int r1);

    /**
     * {@code e[b*n + j] = sum_r v[b*m + r] * w[r*n + j]} for every sample and the columns {@code j0 <= j < j1}: the
     * errors sent back; the sum over {@code r} in order.
     *
     * @param e modified
     */
    void backpropBatch(double[] v, int batch, int m, double[] w, int n, double[] e, int j0, int j1);

    /** Float {@link #forwardBatchT(double[], int, int, double[], double[], int, int)}, the same order of sums. */
    void forwardBatchT(float[] at, int batch, int n, float[] w, float[] zt, int r0, int r1);

    /**
     * The gradient of rows {@code [r0, r1)} alone, written to the start of {@code g} rather than added to weights:
     * {@code g[(r-r0)*n + j] = alpha * sum_b gt[r*batch + b] a[b*n + j]}, bit for bit what
     * {@link #updateBatch(double, double[], int, double[], int, double[], int, int) updateBatch} gives on rows of zeros
     * (the sum over {@code b} in order, then one fused multiply-add with {@code alpha}). An optimizer's mini-batch step
     * reads its directions from here: a small {@code g} that stays in the cache.
     *
     * @param g modified: its first {@code (r1 - r0) * n} values
     */
    void gradientBatch(double alpha, double[] gt, int batch, double[] a, int n, double[] g, int r0, int r1);

    /** Float {@link #gradientBatch(double, double[], int, double[], int, double[], int, int)}. */
    void gradientBatch(float alpha, float[] gt, int batch, float[] a, int n, float[] g, int r0, int r1);

    /**
     * The fused step of a built-in optimizer in float mini-batch training: for rows {@code r0 <= r < r1}, each weight
     * {@code w[r*n + j]} takes {@code s}'s step ({@link FloatStep#apply}) with direction {@code d = fma(alpha, c, 0)},
     * {@code c = sum_b gt[r*batch + b] a[b*n + j]} summed as {@link #gradientBatch(float, float[], int, float[], int,
     * float[], int, int) gradientBatch} sums it (in order, fused multiply-adds): the same direction, bit for bit, but
     * applied as each tile of sums is made, so that no gradient is written to memory and read back. The state is at
     * the weight's index in {@code s0} and {@code s1} ({@link FloatStep#slots()} of them; the others may be null).
     *
     * @param w  modified
     * @param s0 modified
     * @param s1 modified
     */
    void stepBatch(FloatStep s, float alpha, float[] gt, int batch, float[] a, int n, float[] w, float[] s0, float[] s1,
            int r0, int r1);

    /** Float {@link #updateBatch(double, double[], int, double[], int, double[], int, int)}, the same order of sums. */
    void updateBatch(float alpha, float[] gt, int batch, float[] a, int n, float[] w, int r0, int r1);

    /** Float {@link #backpropBatch(double[], int, int, double[], int, double[], int, int)}, the same order of sums. */
    void backpropBatch(float[] v, int batch, int m, float[] w, int n, float[] e, int j0, int j1);

    /** {@link #exp(float[], int, int)}'s constants (Cephes' expf): its inputs are clamped to [EXP_MIN, EXP_MAX]. */
    float EXP_MIN = -87f;
    float EXP_MAX = 88f;
    float EXP_LOG2E = 1.44269504088896341f;
    /** 1.5 * 2^23: adding it rounds a float to a whole number. */
    float EXP_ROUND = 12582912f;
    float EXP_LN2_HI = 0.693359375f;
    float EXP_LN2_LO = -2.12194440e-4f;
    float[] EXP_POLY = {1.9875691500e-4f, 1.3981999507e-3f, 8.3334519073e-3f, 4.1665795894e-2f, 1.6666665459e-1f,
        5.0000001201e-1f};

    /**
     * {@code x[off + i] = e^x[off + i]} for {@code i < n}, in float, within 2 ulp of {@link Math#exp} for inputs in
     * [{@value #EXP_MIN}, {@value #EXP_MAX}] (inputs are clamped to it): Cephes' expf, {@code x = k ln2 + r} and a
     * polynomial in {@code r}, written in multiplies, adds and fused multiply-adds only, so that the vector kernels
     * give {@link ScalarKernels}' plain loop's result bit for bit, compiled or not (the Vector API's own exponential
     * differs between the interpreter and compiled code).
     *
     * @param x modified
     */
    void exp(float[] x, int off, int n);

    // ---- the elastic distortion: its random field and its bilinear read (ElasticKernels is the reference) ----

    /** {@link #uniforms}' constants: the counter's step (2^32 over the golden ratio) and lowbias32's multipliers. */
    int UNIFORM_STEP = 0x9E3779B9;
    int UNIFORM_MUL1 = 0x7feb352d;
    int UNIFORM_MUL2 = 0x846ca68b;

    /**
     * Uniform random values in [-1, 1) on a grid of 2^-23, from a counter: {@code a[off + i]} is value number
     * {@code k = start + i} of the stream {@code key}, {@code (h(h(k * UNIFORM_STEP + lo) ^ hi) >>> 8) * 2^-23 - 1},
     * where {@code lo} and {@code hi} are the low and high halves of {@code key} and {@code h} is Wellons' 32-bit
     * integer hash "lowbias32" ({@code x ^= x >>> 16; x *= UNIFORM_MUL1; x ^= x >>> 15; x *= UNIFORM_MUL2;
     * x ^= x >>> 16}), all in 32-bit integers that wrap. Every value stands alone, so vectors make many at once, and
     * the bits are the same everywhere (the elastic distortion's random fields).
     *
     * @param a modified: {@code a[off] .. a[off + n - 1]}
     */
    void uniforms(long key, int start, float[] a, int off, int n);

    /**
     * The bilinear read of an elastic distortion, in float: for every pixel {@code (y, x)} of a {@code rows x cols}
     * picture, {@code out[y * cols + x]} is the picture read at {@code (y + dy, x + dx)} and clamped to 0..255, with
     * {@code dx = disp[2y * stride + x]} and {@code dy = disp[(2y + 1) * stride + x]}. {@code pic} is the picture
     * with {@code border} rows and columns of zeros (background) around it and one more at the end, {@code pw =
     * cols + 2 border + 1} wide; a coordinate is clamped to {@code [0, rows + 2 border - 1]} (and {@code cols + ...}),
     * so the read never leaves {@code pic} and no pixel needs a branch. With {@code s} the clamped coordinate, {@code
     * i = (int) s} and {@code f = s - i}: {@code top = p00 + fx * (p01 - p00)}, {@code bottom = p10 + fx * (p11 -
     * p10)}, {@code top + fy * (bottom - top)}, each a multiply then an add (no fused multiply-add).
     *
     * @param stride a multiple of 16, at least {@code cols}; {@code disp} holds {@code 2 rows} lines of it
     * @param out modified
     * @param scratch at least {@code 7 * stride} floats of scratch space, modified
     * @param index at least {@code stride} ints of scratch space, modified
     */
    void bilinear(float[] pic, int pw, int border, float[] disp, int stride, int rows, int cols, float[] out,
            float[] scratch, int[] index);

    /**
     * The Vector API kernels when the module {@code jdk.incubator.vector} is present, the processor's preferred
     * vectors are at least 128 bits wide and the system property {@code mynn.kernels} is not {@code scalar};
     * otherwise {@link ScalarKernels}. Narrower vectors (a JVM run with {@code -XX:MaxVectorSize=8}) hold one or two
     * values: the eight hardware vectors a virtual vector would need gain nothing over plain Java, so the vector
     * kernels refuse them (their constructor throws) and the scalar ones, the same bits, run instead.
     */
    static Kernels best() {
        if (!"scalar".equals(System.getProperty("mynn.kernels")) && vectorAvailable()) {
            try {
                return (Kernels) Class.forName("org.mynn.core.kernel.VectorKernels").getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return new ScalarKernels();
            }
        }
        return new ScalarKernels();
    }

    /** @return true when the JVM was started with {@code --add-modules jdk.incubator.vector} */
    static boolean vectorAvailable() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }
}
