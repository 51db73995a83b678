package org.mynn.render;

import java.awt.image.BufferedImage;

/** {@link ImageRenderer} that repeats each value's colour over a square block: no smoothing, as imshow's 'None'. */
public final class PixelImageRenderer implements ImageRenderer {

    public PixelImageRenderer() {
        Headless.ensure();
    }

    @Override
    public BufferedImage render(double[] values, int rows, int cols, ColorMap map, int scale) {
        if (values.length != rows * cols) {
            throw new IllegalArgumentException("expected " + rows + "x" + cols + " = " + rows * cols + " values but found "
                    + values.length);
        }
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be at least 1 but is " + scale);
        }
        int[] rgb = map.colorize(values);
        PictureSize.check((long) cols * scale, (long) rows * scale);
        BufferedImage img = new BufferedImage(cols * scale, rows * scale, BufferedImage.TYPE_INT_RGB);
        int[] line = new int[cols * scale];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                java.util.Arrays.fill(line, c * scale, (c + 1) * scale, rgb[r * cols + c]);
            }
            for (int y = 0; y < scale; y++) {
                img.setRGB(0, r * scale + y, cols * scale, 1, line, 0, cols * scale);
            }
        }
        return img;
    }
}
