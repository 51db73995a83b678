package org.mynn.core.augment;

import org.mynn.core.kernel.Kernels;

/** The resampling the built-in augmentations share: bilinear reads and a Gaussian blur, as scipy's ndimage does them. */
public final class Pictures {

    private Pictures() {
    }

    /**
     * The picture at a point between pixels, interpolated bilinearly, with 0 (the background) beyond the edges and
     * interpolated towards it: {@code scipy.ndimage.map_coordinates(..., order=1, mode='grid-constant', cval=0)}.
     *
     * @param y row coordinate, 0 the first row's centre
     * @param x column coordinate
     */
    public static double bilinear(float[] src, int rows, int cols, double y, double x) {
        if (y >= 0 && x >= 0 && y < rows - 1 && x < cols - 1) {
            int y0 = (int) y;
            int x0 = (int) x;
            double fy = y - y0;
            double fx = x - x0;
            int i = y0 * cols + x0;
            return (1 - fy) * ((1 - fx) * src[i] + fx * src[i + 1]) + fy * ((1 - fx) * src[i + cols] + fx * src[i + cols + 1]);
        }
        double fy0 = Math.floor(y);
        double fx0 = Math.floor(x);
        if (fy0 < -1 || fx0 < -1 || fy0 > rows || fx0 > cols) {
            return 0;
        }
        int y0 = (int) fy0;
        int x0 = (int) fx0;
        double fy = y - y0;
        double fx = x - x0;
        return (1 - fy) * ((1 - fx) * at(src, rows, cols, y0, x0) + fx * at(src, rows, cols, y0, x0 + 1))
                + fy * ((1 - fx) * at(src, rows, cols, y0 + 1, x0) + fx * at(src, rows, cols, y0 + 1, x0 + 1));
    }

    private static float at(float[] src, int rows, int cols, int y, int x) {
        return y < 0 || x < 0 || y >= rows || x >= cols ? 0f : src[y * cols + x];
    }

    /**
     * The Gaussian kernel {@code scipy.ndimage.gaussian_filter} uses: weights {@code exp(-x^2 / (2 sigma^2))} for
     * {@code |x| <= round(4 sigma)}, normalised to sum 1.
     */
    public static double[] gaussianKernel(double sigma) {
        int radius = (int) (4.0 * sigma + 0.5);
        double[] k = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = Math.exp(-0.5 * i * i / (sigma * sigma));
            sum += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        return k;
    }

    /**
     * Blurs two fields in place with a Gaussian along both axes, mirroring them at the edges ({@code d c b a | a b c d |
     * d c b a}): {@code scipy.ndimage.gaussian_filter(field, sigma)} with its defaults (mode 'reflect', truncate 4). Each
     * axis's blur is a small matrix with the mirroring folded in, applied to both fields side by side by the kernels'
     * {@link Kernels#mulRows}: down the columns, then (turned) along the rows.
     *
     * @param a {@code rows * cols} values; modified
     * @param b {@code rows * cols} values; modified
     */
    public static void blur(double[] a, double[] b, int rows, int cols, double[] kernel, Kernels k) {
        double[] down = blurMatrix(rows, kernel);
        double[] across = blurMatrix(cols, kernel);
        int n = rows * cols;
        double[][] s = SCRATCH.get();
        if (s[0].length < 2 * n) {
            s = new double[][] {new double[2 * n], new double[2 * n]};
            SCRATCH.set(s);
        }
        double[] x = s[0];
        double[] t = s[1];
        int w = 2 * cols;
        for (int y = 0; y < rows; y++) {
            System.arraycopy(a, y * cols, x, y * w, cols);
            System.arraycopy(b, y * cols, x, y * w + cols, cols);
        }
        k.mulRows(down, rows, rows, x, w, t);
        int h = 2 * rows;
        for (int y = 0; y < rows; y++) {
            for (int c = 0; c < cols; c++) {
                x[c * h + y] = t[y * w + c];
                x[c * h + rows + y] = t[y * w + cols + c];
            }
        }
        k.mulRows(across, cols, cols, x, h, t);
        for (int y = 0; y < rows; y++) {
            for (int c = 0; c < cols; c++) {
                a[y * cols + c] = t[c * h + y];
                b[y * cols + c] = t[c * h + rows + y];
            }
        }
    }

    /** Scratch space of {@link #blur}, per thread. */
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[][] {new double[0]});

    /** The last blur matrix made, by size and kernel: a run uses one or two. */
    private static volatile Object[] lastMatrix = {0, null, null};

    /**
     * The blur of a line of {@code n} values as a matrix with the mirroring folded in: {@code m[y * n + k]} is the weight
     * of input {@code k} in output {@code y}.
     */
    static double[] blurMatrix(int n, double[] kernel) {
        Object[] last = lastMatrix;
        if ((int) last[0] == n && java.util.Arrays.equals((double[]) last[1], kernel)) {
            return (double[]) last[2];
        }
        int radius = kernel.length / 2;
        double[] m = new double[n * n];
        for (int y = 0; y < n; y++) {
            for (int i = 0; i < kernel.length; i++) {
                m[y * n + reflect(y + i - radius, n)] += kernel[i];
            }
        }
        lastMatrix = new Object[] {n, kernel.clone(), m};
        return m;
    }

    /** @return index {@code i} mirrored into {@code [0, n)}: -1 becomes 0, n becomes n - 1 (scipy's 'reflect') */
    static int reflect(int i, int n) {
        int period = 2 * n;
        int m = Math.floorMod(i, period);
        return m < n ? m : period - 1 - m;
    }

    /** @return {@code v} clamped to the grey values 0..255 */
    static float grey(double v) {
        return (float) Math.max(0, Math.min(255, v));
    }
}
