package org.mynn.core.augment;

/** The resampling the built-in augmentations share: bilinear reads and the Gaussian kernel, as scipy's ndimage does them. */
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
