package org.mynn.data;

import java.util.Locale;
import org.mynn.core.MynnException;

/**
 * More training data from the data itself, as the book does to pass 98%: every image followed by copies of it
 * rotated by {@code +degrees} and {@code -degrees} (bilinear interpolation about the centre, the same size, the
 * background filled with 0, the lowest pixel), as {@code scipy.ndimage.rotate(img, angle, order=1,
 * reshape=False, cval=0.01)} does on the book's scaled inputs.
 */
public final class Augment {

    private Augment() {
    }

    /**
     * Parses {@code rotate:DEGREES}.
     *
     * @return the degrees
     * @throws MynnException for anything else
     */
    public static double parseRotation(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("rotate:")) {
            try {
                double d = Double.parseDouble(s.substring(7));
                if (d > 0 && d < 180) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // falls through to the message
            }
        }
        throw new MynnException("augmentation '" + spec + "' is not understood; expected rotate:DEGREES, e.g. rotate:10");
    }

    /**
     * @return {@code data} with two rotated copies after each image: 3 times as many images, same labels, referring
     *         to the same files with the augmentation
     */
    public static Dataset withRotations(Dataset data, double degrees) {
        int n = data.size();
        int rows = data.rows();
        int cols = data.cols();
        int p = rows * cols;
        if ((long) n * 3 * p > Integer.MAX_VALUE - 64) {
            throw new MynnException(data.name() + ": too many images to hold three times over in memory");
        }
        byte[] pixels = new byte[3 * n * p];
        byte[] labels = new byte[3 * n];
        float[] src = new float[p];
        for (int i = 0; i < n; i++) {
            byte[] img = data.image(i);
            for (int j = 0; j < p; j++) {
                src[j] = img[j] & 0xff;
            }
            System.arraycopy(img, 0, pixels, 3 * i * p, p);
            rotate(src, rows, cols, degrees, pixels, (3 * i + 1) * p);
            rotate(src, rows, cols, -degrees, pixels, (3 * i + 2) * p);
            byte label = (byte) data.label(i);
            labels[3 * i] = label;
            labels[3 * i + 1] = label;
            labels[3 * i + 2] = label;
        }
        String spec = "rotate:" + fmt(degrees);
        return new Dataset(data.name() + "+" + spec, rows, cols, pixels, labels, data.classes(),
                data.reference() == null ? null : data.reference().augmented(spec, 3 * n));
    }

    /**
     * Rotates {@code src} by {@code degrees} about its centre with bilinear interpolation, in the direction
     * {@code scipy.ndimage.rotate} turns for the same angle; points from outside the image are 0.
     *
     * @param out modified: {@code rows * cols} bytes from {@code off}
     */
    static void rotate(float[] src, int rows, int cols, double degrees, byte[] out, int off) {
        double t = Math.toRadians(-degrees);
        double cos = Math.cos(t);
        double sin = Math.sin(t);
        double cy = (rows - 1) / 2.0;
        double cx = (cols - 1) / 2.0;
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                double dy = y - cy;
                double dx = x - cx;
                double sy = cy + cos * dy - sin * dx;
                double sx = cx + sin * dy + cos * dx;
                out[off + y * cols + x] = (byte) Math.max(0, Math.min(255, Math.round(bilinear(src, rows, cols, sy, sx))));
            }
        }
    }

    private static double bilinear(float[] src, int rows, int cols, double y, double x) {
        int y0 = (int) Math.floor(y);
        int x0 = (int) Math.floor(x);
        double fy = y - y0;
        double fx = x - x0;
        return (1 - fy) * ((1 - fx) * at(src, rows, cols, y0, x0) + fx * at(src, rows, cols, y0, x0 + 1))
                + fy * ((1 - fx) * at(src, rows, cols, y0 + 1, x0) + fx * at(src, rows, cols, y0 + 1, x0 + 1));
    }

    private static float at(float[] src, int rows, int cols, int y, int x) {
        return y < 0 || x < 0 || y >= rows || x >= cols ? 0f : src[y * cols + x];
    }

    /**
     * Applies an augmentation spec, e.g. {@code rotate:10}.
     *
     * @throws MynnException when the spec is not understood
     */
    public static Dataset apply(Dataset data, String spec) {
        return withRotations(data, parseRotation(spec));
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
