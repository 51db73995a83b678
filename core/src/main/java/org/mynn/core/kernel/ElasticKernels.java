package org.mynn.core.kernel;

/**
 * The plain-Java reference of the elastic distortion's two kernels, {@link Kernels#uniforms} and
 * {@link Kernels#bilinear}: {@link ScalarKernels} hands them here, and {@link VectorElasticKernels} gives the same bits
 * with the Vector API.
 */
final class ElasticKernels {

    private ElasticKernels() {
    }

    /** Wellons' "lowbias32": a 32-bit integer hash, a bijection with a low bias of its output bits. */
    static int hash(int x) {
        x ^= x >>> 16;
        x *= Kernels.UNIFORM_MUL1;
        x ^= x >>> 15;
        x *= Kernels.UNIFORM_MUL2;
        x ^= x >>> 16;
        return x;
    }

    /** Value number {@code k} of stream {@code (lo, hi)}, as {@link Kernels#uniforms} defines it. */
    static float uniform(int k, int lo, int hi) {
        int h = hash(hash(k * Kernels.UNIFORM_STEP + lo) ^ hi);
        return (h >>> 8) * 0x1.0p-23f - 1f;
    }

    static void uniforms(long key, int start, float[] a, int off, int n) {
        int lo = (int) key;
        int hi = (int) (key >>> 32);
        for (int i = 0; i < n; i++) {
            a[off + i] = uniform(start + i, lo, hi);
        }
    }

    static void bilinear(float[] pic, int pw, int border, float[] disp, int stride, int rows, int cols, float[] out) {
        float yMax = rows + 2 * border - 1;
        float xMax = cols + 2 * border - 1;
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                int d = 2 * y * stride + x;
                float sy = (y + border) + disp[d + stride];
                float sx = (x + border) + disp[d];
                sy = sy > 0f ? (sy < yMax ? sy : yMax) : 0f;
                sx = sx > 0f ? (sx < xMax ? sx : xMax) : 0f;
                int y0 = (int) sy;
                int x0 = (int) sx;
                float fy = sy - y0;
                float fx = sx - x0;
                int p = y0 * pw + x0;
                float top = pic[p] + fx * (pic[p + 1] - pic[p]);
                float bottom = pic[p + pw] + fx * (pic[p + pw + 1] - pic[p + pw]);
                float g = top + fy * (bottom - top);
                out[y * cols + x] = g > 0f ? (g < 255f ? g : 255f) : 0f;
            }
        }
    }
}
