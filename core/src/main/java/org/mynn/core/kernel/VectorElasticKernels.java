package org.mynn.core.kernel;

import static org.mynn.core.kernel.VectorLanes.F;
import static org.mynn.core.kernel.VectorLanes.FL;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The elastic distortion's kernels with the Vector API, bit for bit {@link ElasticKernels}: {@link #uniforms} hashes
 * {@code FL} counters at once (32-bit multiplies, which every vector width has); {@link #bilinear} computes the
 * coordinates, weights and indices of a row in vectors, reads the four neighbours of each pixel one at a time (the
 * Vector API's gathers are not compiled to the processor's on every machine Java 17 runs on), and blends them in
 * vectors again. Float-to-int conversions are left out too (Java 17 compiles them to vectors on AVX-512 only): a
 * coordinate {@code s}, clamped to {@code [0, 2^22)}, is floored as {@code r = (s + 1.5 * 2^23) - 1.5 * 2^23}, less
 * one where that rounded up, and a whole number {@code p < 2^23} becomes an int as the bits of {@code p + 2^23} less
 * those of {@code 2^23}: exact, so the same bits as the plain casts.
 */
final class VectorElasticKernels {

    /** ints in vectors of the floats' shape, so that both have {@code FL} lanes */
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());
    private static final float ROUND = 12582912f;
    private static final float TWO23 = 8388608f;
    private static final int TWO23_BITS = Float.floatToRawIntBits(TWO23);
    private static final int[] IOTA = new int[FL];
    private static final float[] IOTA_F = new float[FL];

    static {
        for (int i = 0; i < FL; i++) {
            IOTA[i] = i;
            IOTA_F[i] = i;
        }
    }

    private VectorElasticKernels() {
    }

    private static IntVector hash(IntVector x) {
        x = x.lanewise(VectorOperators.XOR, x.lanewise(VectorOperators.LSHR, 16)).mul(Kernels.UNIFORM_MUL1);
        x = x.lanewise(VectorOperators.XOR, x.lanewise(VectorOperators.LSHR, 15)).mul(Kernels.UNIFORM_MUL2);
        return x.lanewise(VectorOperators.XOR, x.lanewise(VectorOperators.LSHR, 16));
    }

    static void uniforms(long key, int start, float[] a, int off, int n) {
        int lo = (int) key;
        int hi = (int) (key >>> 32);
        IntVector iota = IntVector.fromArray(I, IOTA, 0);
        int i = 0;
        for (; i + FL <= n; i += FL) {
            IntVector h = hash(hash(iota.add(start + i).mul(Kernels.UNIFORM_STEP).add(lo)).lanewise(VectorOperators.XOR, hi));
            FloatVector f = (FloatVector) h.lanewise(VectorOperators.LSHR, 8).convert(VectorOperators.I2F, 0);
            f.mul(0x1.0p-23f).sub(1f).intoArray(a, off + i);
        }
        for (; i < n; i++) {
            a[off + i] = ElasticKernels.uniform(start + i, lo, hi);
        }
    }

    static void bilinear(float[] pic, int pw, int border, float[] disp, int stride, int rows, int cols, float[] out,
            float[] scratch, int[] index) {
        float yMax = rows + 2 * border - 1;
        float xMax = cols + 2 * border - 1;
        float width = pw;
        FloatVector iota = FloatVector.fromArray(F, IOTA_F, 0);
        // scratch: fx, fy, then the four neighbours, then the row as blended; stride values each
        int fxs = 0;
        int fys = stride;
        int as = 2 * stride;
        int bs = 3 * stride;
        int cs = 4 * stride;
        int es = 5 * stride;
        int row = 6 * stride;
        for (int y = 0; y < rows; y++) {
            int d = 2 * y * stride;
            for (int x = 0; x < stride; x += FL) {
                FloatVector sy = FloatVector.fromArray(F, disp, d + stride + x).add(y + border);
                FloatVector sx = iota.add(x + border).add(FloatVector.fromArray(F, disp, d + x));
                sy = sy.max(0f).min(yMax);
                sx = sx.max(0f).min(xMax);
                FloatVector ry = sy.add(ROUND).sub(ROUND);
                ry = ry.sub(1f, ry.compare(VectorOperators.GT, sy));
                FloatVector rx = sx.add(ROUND).sub(ROUND);
                rx = rx.sub(1f, rx.compare(VectorOperators.GT, sx));
                sx.sub(rx).intoArray(scratch, fxs + x);
                sy.sub(ry).intoArray(scratch, fys + x);
                ry.mul(width).add(rx).add(TWO23).reinterpretAsInts().sub(TWO23_BITS).intoArray(index, x);
            }
            for (int x = 0; x < cols; x++) {
                int p = index[x];
                scratch[as + x] = pic[p];
                scratch[bs + x] = pic[p + 1];
                scratch[cs + x] = pic[p + pw];
                scratch[es + x] = pic[p + pw + 1];
            }
            for (int x = 0; x < stride; x += FL) {
                FloatVector fx = FloatVector.fromArray(F, scratch, fxs + x);
                FloatVector fy = FloatVector.fromArray(F, scratch, fys + x);
                FloatVector a = FloatVector.fromArray(F, scratch, as + x);
                FloatVector b = FloatVector.fromArray(F, scratch, bs + x);
                FloatVector c = FloatVector.fromArray(F, scratch, cs + x);
                FloatVector e = FloatVector.fromArray(F, scratch, es + x);
                FloatVector top = a.add(fx.mul(b.sub(a)));
                FloatVector bottom = c.add(fx.mul(e.sub(c)));
                top.add(fy.mul(bottom.sub(top))).max(0f).min(255f).intoArray(scratch, row + x);
            }
            System.arraycopy(scratch, row, out, y * cols, cols);
        }
    }
}
