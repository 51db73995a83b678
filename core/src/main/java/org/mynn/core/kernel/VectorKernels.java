package org.mynn.core.kernel;

/**
 * {@link Kernels} with the JDK's Vector API (incubating in Java 17): the processor's preferred vectors up to 512 bits,
 * every sum across lanes in the canonical order of {@link Kernels} (a virtual vector of 8 doubles or 16 floats, two or
 * four hardware vectors making one on 256- and 128-bit machines, lanes summed by a fixed folding, never
 * {@code reduceLanes}, whose order is unspecified and may differ between compiled and interpreted code), scalar tails
 * with {@code Math.fma}: the same bits as {@link ScalarKernels} on every width. The loops live in rooms, one per kernel
 * set, and this class hands each call to its room:
 * <ul>
 * <li>{@link VectorSampleKernels}: the sums that run across the lanes, as {@link #dot} sums: training one sample at a
 * time in double;
 * <li>{@link VectorSampleFloatKernels}: training one sample at a time in float;
 * <li>{@link VectorQueryKernels}: {@link #forwardBatch} (a batch of queries), tiles of rows and samples;
 * <li>{@link VectorBatchKernels}: mini-batch training in double, tiles whose sums run along the lanes;
 * <li>{@link VectorBatchFloatKernels}: the same in float, and {@link #exp};
 * <li>{@link VectorElasticKernels}: the elastic distortion's random field ({@link #uniforms}) and bilinear read
 * ({@link #bilinear}).
 * </ul>
 * {@link VectorLanes} holds what they share (the vector species, the virtual vector and the fold). The rooms are
 * classes of static methods and this class is final, so the JIT compiler inlines each hand-over.
 */
public final class VectorKernels implements Kernels {

    /**
     * @throws UnsupportedOperationException when the processor's vectors are narrower than 128 bits (a virtual vector
     *     would take eight of them, which the loops do not have), or are not 128, 256 or 512 bits (SVE may offer
     *     e.g. 384: its lanes do not divide a virtual vector); {@link Kernels#best()} then gives the scalar kernels
     */
    public VectorKernels() {
        int k = VectorLanes.K;
        if ((k != 1 && k != 2 && k != 4) || k * VectorLanes.DL != VectorLanes.VD || k * VectorLanes.FL != VectorLanes.VF) {
            throw new UnsupportedOperationException("vectors of " + VectorLanes.D.vectorBitSize()
                    + " bits: the vector kernels need 128, 256 or 512");
        }
    }

    /** @return e.g. "vector (256-bit, 8-lane sums)": the hardware width and the virtual vector's lanes in double */
    @Override
    public String name() {
        return "vector (" + VectorLanes.D.vectorBitSize() + "-bit, " + VectorLanes.VD + "-lane sums)";
    }

    @Override
    public int vectorBits() {
        return VectorLanes.D.vectorBitSize();
    }

    // ---- one sample at a time, and the sums across lanes: VectorSampleKernels (float: VectorSampleFloatKernels) ----

    @Override
    public double dot(double[] w, int off, double[] x, int n) {
        return VectorSampleKernels.dot(w, off, x, n);
    }

    @Override
    public double axpyDot(double a, double[] xp, double[] w, int off, double[] xn, int n) {
        return VectorSampleKernels.axpyDot(a, xp, w, off, xn, n);
    }

    @Override
    public void axpy(double a, double[] x, double[] w, int off, int n) {
        VectorSampleKernels.axpy(a, x, w, off, n);
    }

    @Override
    public void backAxpy(double v, double a, double[] in, double[] w, int off, double[] e, int n) {
        VectorSampleKernels.backAxpy(v, a, in, w, off, e, n);
    }

    @Override
    public void dotRows(double[] w, int r0, int r1, int n, double[] x, double[] z) {
        VectorSampleKernels.dotRows(w, r0, r1, n, x, z);
    }

    @Override
    public void axpyDotRows(double[] alpha, double[] xp, double[] w, int r0, int r1, int n, double[] xn, double[] z) {
        VectorSampleKernels.axpyDotRows(alpha, xp, w, r0, r1, n, xn, z);
    }

    @Override
    public void dotRows(float[] w, int r0, int r1, int n, float[] x, double[] z) {
        VectorSampleFloatKernels.dotRows(w, r0, r1, n, x, z);
    }

    @Override
    public void axpyDotRows(double[] alpha, float[] xp, float[] w, int r0, int r1, int n, float[] xn, double[] z) {
        VectorSampleFloatKernels.axpyDotRows(alpha, xp, w, r0, r1, n, xn, z);
    }

    @Override
    public float dot(float[] w, int off, float[] x, int n) {
        return VectorSampleFloatKernels.dot(w, off, x, n);
    }

    @Override
    public float axpyDot(float a, float[] xp, float[] w, int off, float[] xn, int n) {
        return VectorSampleFloatKernels.axpyDot(a, xp, w, off, xn, n);
    }

    @Override
    public void axpy(float a, float[] x, float[] w, int off, int n) {
        VectorSampleFloatKernels.axpy(a, x, w, off, n);
    }

    @Override
    public void backAxpy(float v, float a, float[] in, float[] w, int off, float[] e, int n) {
        VectorSampleFloatKernels.backAxpy(v, a, in, w, off, e, n);
    }

    @Override
    public void forwardBatch(double[] a, int batch, int n, double[] w, int m, double[] z, int r0, int r1) {
        VectorQueryKernels.forwardBatch(a, batch, n, w, m, z, r0, r1);
    }

    // ---- mini-batch training in double: VectorBatchKernels ----

    @Override
    public void forwardBatchT(double[] at, int batch, int n, double[] w, double[] zt, int r0, int r1) {
        VectorBatchKernels.forwardBatchT(at, batch, n, w, zt, r0, r1);
    }

    @Override
    public void updateBatch(double alpha, double[] gt, int batch, double[] a, int n, double[] w, int r0, int r1) {
        VectorBatchKernels.updateBatch(alpha, gt, batch, a, n, w, r0, r1);
    }

    @Override
    public void gradientBatch(double alpha, double[] gt, int batch, double[] a, int n, double[] g, int r0, int r1) {
        VectorBatchKernels.gradientBatch(alpha, gt, batch, a, n, g, r0, r1);
    }

    @Override
    public void backpropBatch(double[] v, int batch, int m, double[] w, int n, double[] e, int j0, int j1) {
        VectorBatchKernels.backpropBatch(v, batch, m, w, n, e, j0, j1);
    }

    // ---- mini-batch training in float, and exp: VectorBatchFloatKernels ----

    @Override
    public void forwardBatchT(float[] at, int batch, int n, float[] w, float[] zt, int r0, int r1) {
        VectorBatchFloatKernels.forwardBatchT(at, batch, n, w, zt, r0, r1);
    }

    @Override
    public void gradientBatch(float alpha, float[] gt, int batch, float[] a, int n, float[] g, int r0, int r1) {
        VectorBatchFloatKernels.gradientBatch(alpha, gt, batch, a, n, g, r0, r1);
    }

    @Override
    public void stepBatch(FloatStep s, float alpha, float[] gt, int batch, float[] a, int n, float[] w, float[] s0,
            float[] s1, int r0, int r1) {
        VectorStepFloatKernels.stepBatch(s, alpha, gt, batch, a, n, w, s0, s1, r0, r1);
    }

    @Override
    public void updateBatch(float alpha, float[] gt, int batch, float[] a, int n, float[] w, int r0, int r1) {
        VectorBatchFloatKernels.updateBatch(alpha, gt, batch, a, n, w, r0, r1);
    }

    @Override
    public void backpropBatch(float[] v, int batch, int m, float[] w, int n, float[] e, int j0, int j1) {
        VectorBatchFloatKernels.backpropBatch(v, batch, m, w, n, e, j0, j1);
    }

    @Override
    public void exp(float[] x, int off, int n) {
        VectorBatchFloatKernels.exp(x, off, n);
    }

    // ---- the elastic distortion: VectorElasticKernels ----

    @Override
    public void uniforms(long key, int start, float[] a, int off, int n) {
        VectorElasticKernels.uniforms(key, start, a, off, n);
    }

    @Override
    public void bilinear(float[] pic, int pw, int border, float[] disp, int stride, int rows, int cols, float[] out,
            float[] scratch, int[] index) {
        VectorElasticKernels.bilinear(pic, pw, border, disp, stride, rows, cols, out, scratch, index);
    }
}
