package org.mynn.core.augment;

import org.mynn.core.kernel.Kernels;

/**
 * The arithmetic of one elastic distortion, in float, for pictures of one size, one {@code ALPHA} and one {@code SIGMA}:
 * the random field drawn two numbers to a {@code nextLong}, its Gaussian blur as two small matrix products on the
 * kernels' {@link Kernels#forwardBatchT(float[], int, int, float[], float[], int, int) forwardBatchT} (the blur down the
 * columns of both fields side by side, then along their rows; {@code ALPHA} folded into the second), and the bilinear
 * read of a picture with a border of background around it, so that no pixel needs a branch. forwardBatchT sums in one
 * order with fused multiply-adds whatever the kernels and the vector width, and the rest is plain Java float arithmetic,
 * so a picture's distortion is the same bits on every thread and machine. One instance per thread: it holds scratch
 * space.
 *
 * <p>The blur is exact separable convolution with scipy's {@code gaussian_filter} kernel, truncated where scipy
 * truncates it ({@code |x| <= round(4 SIGMA)}, {@link Pictures#gaussianKernel}) and mirrored at the edges ('reflect'),
 * the mirroring folded into each axis's matrix (made in double, then rounded to float once). The fields' rows are
 * padded with zeros to whole vectors; the padding adds only zeros to each sum.
 */
final class ElasticField {

    /** The background border around the picture: coordinates are clamped to it, where every pixel read is 0. */
    private static final int BORDER = 2;

    final int rows;
    final int cols;
    final double alpha;
    final double sigma;
    private final Kernels kernels;
    /** a field's row padded to a multiple of 16 floats */
    private final int stride;
    /** the blur down the columns, {@code rows x rows}: {@code down[y * rows + k]} is the weight of row k in row y */
    private final float[] down;
    /**
     * the blur along the rows, turned, scaled by alpha and padded, {@code stride x stride}: {@code across[k * stride + c]}
     * is alpha times the weight of column k in column c
     */
    private final float[] across;
    /** the two random fields side by side, row by row ({@code rows x 2 stride}), then blurred down the columns */
    private final float[] field;
    private final float[] half;
    /** the displacements: row {@code 2y} of {@code disp} is row y of dx, row {@code 2y + 1} of dy; stride wide */
    private final float[] disp;
    /** the random fields as drawn, {@code rows x cols} each */
    final float[] u;
    final float[] v;
    /** the picture with its border of zeros, {@code (rows + 2 BORDER + 1) x (cols + 2 BORDER + 1)} */
    private final float[] padded;

    ElasticField(int rows, int cols, double alpha, double sigma, Kernels kernels) {
        this.rows = rows;
        this.cols = cols;
        this.alpha = alpha;
        this.sigma = sigma;
        this.kernels = kernels;
        this.stride = (cols + 15) / 16 * 16;
        double[] kernel = Pictures.gaussianKernel(sigma);
        double[] d = blurMatrix(rows, kernel);
        down = new float[rows * rows];
        for (int i = 0; i < d.length; i++) {
            down[i] = (float) d[i];
        }
        double[] a = blurMatrix(cols, kernel);
        across = new float[stride * stride];
        for (int c = 0; c < cols; c++) {
            for (int k = 0; k < cols; k++) {
                across[k * stride + c] = (float) (alpha * a[c * cols + k]);
            }
        }
        field = new float[rows * 2 * stride];
        half = new float[rows * 2 * stride];
        disp = new float[rows * 2 * stride];
        u = new float[rows * cols];
        v = new float[rows * cols];
        padded = new float[(rows + 2 * BORDER + 1) * (cols + 2 * BORDER + 1)];
    }

    boolean fits(int r, int c, double a, double s, Kernels k) {
        return r == rows && c == cols && a == alpha && s == sigma && k == kernels;
    }

    /**
     * Draws the random fields, {@code u} (for x) then {@code v} (for y), each value uniform in [-1, 1) on a grid of
     * 2^-23: two values from each {@code nextLong} (its top 24 bits, then the next 24).
     */
    void draw(java.util.SplittableRandom random) {
        int n = rows * cols;
        fill(random, u, n);
        fill(random, v, n);
    }

    private static void fill(java.util.SplittableRandom random, float[] a, int n) {
        int i = 0;
        for (; i + 1 < n; i += 2) {
            long b = random.nextLong();
            a[i] = (b >>> 40) * 0x1.0p-23f - 1f;
            a[i + 1] = ((b >>> 16) & 0xFFFFFF) * 0x1.0p-23f - 1f;
        }
        if (i < n) {
            a[i] = (random.nextLong() >>> 40) * 0x1.0p-23f - 1f;
        }
    }

    /** Blurs {@code u} and {@code v} and scales them by alpha: the displacements. */
    void smooth() {
        int w = 2 * stride;
        for (int y = 0; y < rows; y++) {
            System.arraycopy(u, y * cols, field, y * w, cols);
            System.arraycopy(v, y * cols, field, y * w + stride, cols);
        }
        // down the columns: half (rows x 2 stride) = down (rows x rows) . field (rows x 2 stride)
        kernels.forwardBatchT(field, w, rows, down, half, 0, rows);
        // along the rows: half read as 2 rows lines of stride values (dx's row y, then dy's) . across
        kernels.forwardBatchT(across, stride, stride, half, disp, 0, 2 * rows);
    }

    /**
     * Reads {@code src} at {@code (y + dy, x + dx)} for every pixel, bilinearly, with background (0) beyond the edges
     * and interpolated towards it ({@code map_coordinates(order=1, mode='grid-constant')}); clamps to 0..255.
     */
    void resample(float[] src, float[] out) {
        int pw = cols + 2 * BORDER + 1;
        for (int y = 0; y < rows; y++) {
            System.arraycopy(src, y * cols, padded, (y + BORDER) * pw + BORDER, cols);
        }
        // coordinates in the padded picture, clamped to where both pixels read are border (0) beyond the picture
        float yMax = rows + 2 * BORDER - 1;
        float xMax = cols + 2 * BORDER - 1;
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                int i = y * cols + x;
                int d = 2 * y * stride + x;
                float sy = (y + BORDER) + disp[d + stride];
                float sx = (x + BORDER) + disp[d];
                sy = sy > 0f ? (sy < yMax ? sy : yMax) : 0f;
                sx = sx > 0f ? (sx < xMax ? sx : xMax) : 0f;
                int y0 = (int) sy;
                int x0 = (int) sx;
                float fy = sy - y0;
                float fx = sx - x0;
                int p = y0 * pw + x0;
                float top = padded[p] + fx * (padded[p + 1] - padded[p]);
                float bottom = padded[p + pw] + fx * (padded[p + pw + 1] - padded[p + pw]);
                float g = top + fy * (bottom - top);
                out[i] = g > 0f ? (g < 255f ? g : 255f) : 0f;
            }
        }
    }

    /**
     * The blur of a line of {@code n} values as a matrix with scipy's 'reflect' mirroring folded in: {@code m[y * n +
     * k]} is the weight of input {@code k} in output {@code y}.
     */
    static double[] blurMatrix(int n, double[] kernel) {
        int radius = kernel.length / 2;
        double[] m = new double[n * n];
        for (int y = 0; y < n; y++) {
            for (int i = 0; i < kernel.length; i++) {
                m[y * n + Pictures.reflect(y + i - radius, n)] += kernel[i];
            }
        }
        return m;
    }
}
