package org.mynn.core.augment;

import org.mynn.core.kernel.Kernels;

/**
 * The arithmetic of one elastic distortion, in float, for pictures of one size, one {@code ALPHA} and one {@code SIGMA}:
 * the random fields drawn from a counter ({@link Kernels#uniforms}, keyed by one {@code nextLong} of the picture's
 * random numbers), their Gaussian blur as two small matrix products on the kernels'
 * {@link Kernels#forwardBatchT(float[], int, int, float[], float[], int, int) forwardBatchT} (the blur down the columns
 * of both fields side by side, then along their rows; {@code ALPHA} folded into the second), and the bilinear read
 * ({@link Kernels#bilinear}) of the picture with a border of background around it, so that no pixel needs a branch.
 * Each kernel gives the same bits whatever the kernels and the vector width, so a picture's distortion is the same
 * bits on every thread and machine. One instance per thread: it holds scratch space.
 *
 * <p>The blur is exact separable convolution with scipy's {@code gaussian_filter} kernel, truncated where scipy
 * truncates it ({@code |x| <= round(4 SIGMA)}, {@link Pictures#gaussianKernel}) and mirrored at the edges ('reflect'),
 * the mirroring folded into each axis's matrix (made in double, then rounded to float once). Only the output rows of
 * the second product are padded, to whole vectors for the read.
 */
final class ElasticField {

    /** The background border around the picture: coordinates are clamped to it, where every pixel read is 0. */
    private static final int BORDER = 2;

    final int rows;
    final int cols;
    final double alpha;
    final double sigma;
    private final Kernels kernels;
    /** a row of the displacements, padded to a multiple of 16 floats for the bilinear read's vectors */
    private final int stride;
    /** the blur down the columns, {@code rows x rows}: {@code down[y * rows + k]} is the weight of row k in row y */
    private final float[] down;
    /**
     * the blur along the rows, turned, scaled by alpha and padded, {@code cols x stride}: {@code across[k * stride + c]}
     * is alpha times the weight of column k in column c
     */
    private final float[] across;
    /** the two random fields side by side, row by row ({@code rows x 2 cols}: u's row y, then v's) */
    private final float[] field;
    /** the fields blurred down the columns, the same layout: read as {@code 2 rows} lines of {@code cols} */
    private final float[] half;
    /** the displacements: row {@code 2y} of {@code disp} is row y of dx, row {@code 2y + 1} of dy; stride wide */
    private final float[] disp;
    /** the bilinear read's scratch space */
    private final float[] scratch;
    private final int[] index;
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
        across = new float[cols * stride];
        for (int c = 0; c < cols; c++) {
            for (int k = 0; k < cols; k++) {
                across[k * stride + c] = (float) (alpha * a[c * cols + k]);
            }
        }
        field = new float[rows * 2 * cols];
        half = new float[rows * 2 * cols];
        disp = new float[rows * 2 * stride];
        scratch = new float[7 * stride];
        index = new int[stride];
        padded = new float[(rows + 2 * BORDER + 1) * (cols + 2 * BORDER + 1)];
        if (!fits(rows, cols)) {
            throw new IllegalArgumentException("pictures of " + rows + " x " + cols + " are too large to distort");
        }
    }

    /**
     * @return whether pictures of this size can be distorted: the bilinear read's exact float arithmetic needs the
     *         picture with its border under 2^22 values
     */
    static boolean fits(int rows, int cols) {
        return (long) (rows + 2 * BORDER + 1) * (cols + 2 * BORDER + 1) < 1 << 22;
    }

    boolean fits(int r, int c, double a, double s, Kernels k) {
        return r == rows && c == cols && a == alpha && s == sigma && k == kernels;
    }

    /**
     * Draws the random fields, u (for x) and v (for y), each value uniform in [-1, 1) on a grid of 2^-23: value
     * {@code k} of the counter keyed by one {@code nextLong} goes to {@code field[k]}, so u's row y is values
     * {@code 2y cols .. 2y cols + cols - 1} and v's row y the next {@code cols}.
     */
    void draw(java.util.SplittableRandom random) {
        kernels.uniforms(random.nextLong(), 0, field, 0, field.length);
    }

    /** Sets the random fields (for tests against a reference): {@code u} and {@code v}, {@code rows * cols} each. */
    void set(float[] u, float[] v) {
        for (int y = 0; y < rows; y++) {
            System.arraycopy(u, y * cols, field, 2 * y * cols, cols);
            System.arraycopy(v, y * cols, field, (2 * y + 1) * cols, cols);
        }
    }

    /** Blurs the fields and scales them by alpha: the displacements. */
    void smooth() {
        int w = 2 * cols;
        // down the columns: half (rows x 2 cols) = down (rows x rows) . field (rows x 2 cols)
        kernels.forwardBatchT(field, w, rows, down, half, 0, rows);
        // along the rows: half read as 2 rows lines of cols values (u's row y, then v's) . across (cols x stride)
        kernels.forwardBatchT(across, stride, cols, half, disp, 0, 2 * rows);
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
        kernels.bilinear(padded, pw, BORDER, disp, stride, rows, cols, out, scratch, index);
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
