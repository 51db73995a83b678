package org.mynn.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.mynn.core.Labelled;
import org.mynn.core.MynnException;
import org.mynn.core.io.AtomicFiles;
import org.mynn.core.io.Sniff;

/**
 * Turns a person's own picture (PNG, JPEG, GIF or BMP; any size; colour or grey; dark ink on light paper or light
 * on dark) into a 28x28 grey image in MNIST's polarity (ink high, 0..255), ready for {@link Encoding}.
 *
 * <p>Steps: grey by luminance (transparent pixels count as white paper); the polarity from the border (a light
 * border means dark ink, which is inverted); the paper's own level (the border's median) subtracted and the ink
 * stretched to 0..255, with anything under 10% of the darkest ink dropped as paper texture; then one of two fits:
 * <ul>
 *   <li>{@link Fit#MNIST} (default), MNIST's own preprocessing: the ink's bounding box scaled (area averaging) to
 *       fit 20x20 keeping its aspect ratio, then placed in 28x28 so that its centre of mass is at the centre;</li>
 *   <li>{@link Fit#PLAIN}: the whole picture scaled to 28x28.</li>
 * </ul>
 */
public final class PictureReader {

    /** The largest picture side read; bigger pictures are refused before they are decoded. */
    public static final int MAX_SIDE = 10_000;
    /** The side of the result. */
    public static final int SIDE = 28;
    /** The box the ink is fitted into by {@link Fit#MNIST}. */
    public static final int BOX = 20;
    private static final float NOISE_FLOOR = 0.10f;

    /** How a picture is fitted into 28x28. */
    public enum Fit implements Labelled {
        /** Bounding box into 20x20, centre of mass at the centre: what MNIST did to its digits. */
        MNIST,
        /** The whole picture scaled to 28x28. */
        PLAIN;

        @Override
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return label();
        }
    }

    /**
     * A picture made ready for the network.
     *
     * @param source   where it came from
     * @param pixels   28x28 grey values 0..255, ink high, row-major
     * @param inverted true when the picture had dark ink on a light background and was inverted
     */
    public record Picture(String source, byte[] pixels, boolean inverted) {
        /** @return the network input, via {@link Encoding} */
        public double[] inputs() {
            return Encoding.inputs(pixels);
        }
    }

    /**
     * Reads and prepares a picture file.
     *
     * @throws MynnException when the file is missing, not an image, or has 0 or more than {@value #MAX_SIDE} pixels
     *                       on a side
     */
    public Picture read(Path file, Fit fit) {
        return fromImage(decode(file), fit, file.toString());
    }

    /** Prepares an already decoded picture. */
    public Picture fromImage(BufferedImage image, Fit fit, String source) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        float[] grey = new float[w * h];
        for (int i = 0; i < grey.length; i++) {
            int p = argb[i];
            float a = (p >>> 24) / 255f;
            float lum = 0.299f * ((p >> 16) & 0xff) + 0.587f * ((p >> 8) & 0xff) + 0.114f * (p & 0xff);
            grey[i] = a * lum + (1 - a) * 255f;
        }
        boolean darkInk = borderMedian(grey, w, h) > 127.5f;
        float[] ink = new float[grey.length];
        for (int i = 0; i < ink.length; i++) {
            ink[i] = darkInk ? 255f - grey[i] : grey[i];
        }
        float paper = borderMedian(ink, w, h);
        float max = 0;
        for (int i = 0; i < ink.length; i++) {
            ink[i] = Math.max(0, ink[i] - paper);
            max = Math.max(max, ink[i]);
        }
        if (max > 0) {
            float scale = 255f / max;
            for (int i = 0; i < ink.length; i++) {
                float v = ink[i] * scale;
                ink[i] = v < NOISE_FLOOR * 255f ? 0 : v;
            }
        }
        return new Picture(source, fromInk(ink, w, h, fit), darkInk);
    }

    /**
     * Fits an image that is already ink-high (0..255) into 28x28, e.g. pixels drawn on a canvas.
     *
     * @param ink {@code w * h} values, row-major; not modified
     * @return 28x28 bytes, ink high
     */
    public byte[] fromInk(float[] ink, int w, int h, Fit fit) {
        float[] out;
        if (fit == Fit.PLAIN) {
            out = resample(ink, w, 0, 0, w, h, SIDE, SIDE);
        } else {
            out = fitMnist(ink, w, h);
        }
        byte[] bytes = new byte[SIDE * SIDE];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Math.max(0, Math.min(255, Math.round(out[i])));
        }
        return bytes;
    }

    private static float[] fitMnist(float[] ink, int w, int h) {
        int x0 = w;
        int y0 = h;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (ink[y * w + x] > 0) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        float[] field = new float[SIDE * SIDE];
        if (x1 < 0) {
            return field; // no ink at all
        }
        int bw = x1 - x0 + 1;
        int bh = y1 - y0 + 1;
        double f = (double) BOX / Math.max(bw, bh);
        int tw = Math.max(1, (int) Math.round(bw * f));
        int th = Math.max(1, (int) Math.round(bh * f));
        float[] box = resample(ink, w, x0, y0, bw, bh, tw, th);
        double mass = 0;
        double mx = 0;
        double my = 0;
        for (int y = 0; y < th; y++) {
            for (int x = 0; x < tw; x++) {
                float v = box[y * tw + x];
                mass += v;
                mx += (x + 0.5) * v;
                my += (y + 0.5) * v;
            }
        }
        int ox = clamp((int) Math.round(SIDE / 2.0 - mx / mass), 0, SIDE - tw);
        int oy = clamp((int) Math.round(SIDE / 2.0 - my / mass), 0, SIDE - th);
        for (int y = 0; y < th; y++) {
            System.arraycopy(box, y * tw, field, (oy + y) * SIDE + ox, tw);
        }
        return field;
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /**
     * Area-averaging resample of the crop {@code (x0, y0, cw, ch)} of {@code src} (row length {@code sw}) to
     * {@code dw x dh}: every output pixel is the mean of the source area it covers (fractions counted).
     */
    static float[] resample(float[] src, int sw, int x0, int y0, int cw, int ch, int dw, int dh) {
        float[] tmp = new float[ch * dw];
        Weights wx = new Weights(cw, dw);
        for (int y = 0; y < ch; y++) {
            int row = (y0 + y) * sw + x0;
            for (int j = 0; j < dw; j++) {
                double s = 0;
                for (int k = 0; k < wx.count[j]; k++) {
                    s += wx.weight[j][k] * src[row + wx.first[j] + k];
                }
                tmp[y * dw + j] = (float) s;
            }
        }
        float[] out = new float[dw * dh];
        Weights wy = new Weights(ch, dh);
        for (int i = 0; i < dh; i++) {
            for (int j = 0; j < dw; j++) {
                double s = 0;
                for (int k = 0; k < wy.count[i]; k++) {
                    s += wy.weight[i][k] * tmp[(wy.first[i] + k) * dw + j];
                }
                out[i * dw + j] = (float) s;
            }
        }
        return out;
    }

    /** For each of {@code to} output cells, which of {@code from} input cells it covers and by how much. */
    private static final class Weights {
        final int[] first;
        final int[] count;
        final double[][] weight;

        Weights(int from, int to) {
            first = new int[to];
            count = new int[to];
            weight = new double[to][];
            double step = (double) from / to;
            for (int j = 0; j < to; j++) {
                double a = j * step;
                double b = Math.min(from, (j + 1) * step);
                int lo = (int) Math.floor(a);
                int hi = Math.min(from, (int) Math.ceil(b));
                first[j] = lo;
                count[j] = Math.max(1, hi - lo);
                weight[j] = new double[count[j]];
                for (int c = lo; c < lo + count[j]; c++) {
                    weight[j][c - lo] = (Math.min(b, c + 1) - Math.max(a, c)) / step;
                }
            }
        }
    }

    private static float borderMedian(float[] v, int w, int h) {
        int n = h == 1 || w == 1 ? w * h : 2 * w + 2 * (h - 2);
        float[] border = new float[n];
        int k = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (y == 0 || y == h - 1 || x == 0 || x == w - 1) {
                    border[k++] = v[y * w + x];
                }
            }
        }
        Arrays.sort(border, 0, k);
        return border[k / 2];
    }

    /** @return a PNG's declared width and height from its IHDR chunk (which ImageIO refuses to report when 0) */
    private static int[] pngSize(byte[] head) {
        if (head.length < 24 || !"a PNG image".equals(Sniff.kind(head))) {
            return null;
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(head);
        long w = b.getInt(16) & 0xffffffffL;
        long h = b.getInt(20) & 0xffffffffL;
        return new int[] {(int) Math.min(w, Integer.MAX_VALUE), (int) Math.min(h, Integer.MAX_VALUE)};
    }

    private static BufferedImage decode(Path file) {
        if (Files.isDirectory(file)) {
            throw new MynnException(file + ": is a folder, not a picture");
        }
        if (!Files.exists(file)) {
            throw new MynnException(file + ": no such file");
        }
        if (!Files.isReadable(file)) {
            throw new MynnException(file + ": cannot be read (permission denied)");
        }
        if (!Files.isRegularFile(file)) {
            throw new MynnException(file + ": is " + AtomicFiles.kind(AtomicFiles.resolve(file)) + ", not a picture");
        }
        byte[] head;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(24);
        } catch (IOException e) {
            throw new MynnException(file + ": cannot be read: " + e.getMessage(), e);
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            return decode(in, head, file.toString(), null);
        } catch (IOException e) {
            throw new MynnException(file + ": cannot be decoded as a picture: " + e.getMessage(), e);
        }
    }

    /**
     * Decodes a picture from its bytes (e.g. an upload), its size checked from its header before it is decoded.
     *
     * @param budget when not null, asked for the picture's pixel count before decoding (to bound decodes under way)
     * @throws MynnException when it is not a picture, has no pixels or more than {@value #MAX_SIDE} a side
     */
    public BufferedImage decode(byte[] bytes, String source, PixelBudget budget) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return decode(in, Arrays.copyOf(bytes, Math.min(24, bytes.length)), source, budget);
        } catch (IOException e) {
            throw new MynnException(source + ": cannot be decoded as a picture: " + e.getMessage(), e);
        }
    }

    /** Asked for the pixels a decode will take before it starts; released when it is done. */
    public interface PixelBudget {
        /** @throws MynnException when the pixels cannot be had now */
        void acquire(long pixels);

        void release(long pixels);
    }

    private static BufferedImage decode(ImageInputStream in, byte[] head, String source, PixelBudget budget) throws IOException {
        if (in == null) {
            throw new MynnException(source + ": cannot be read");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            String what = head.length == 0 ? "the file is empty" : "it starts with " + Sniff.describe(head);
            throw new MynnException(source + ": cannot be decoded as a picture (PNG, JPEG, GIF or BMP): " + what);
        }
        ImageReader reader = readers.next();
        try {
            reader.setInput(in, true, true);
            int[] png = pngSize(head);
            int w = png != null ? png[0] : reader.getWidth(0);
            int h = png != null ? png[1] : reader.getHeight(0);
            if (w <= 0 || h <= 0) {
                throw new MynnException(source + ": the picture has no pixels (" + w + "x" + h + ")");
            }
            if (w > MAX_SIDE || h > MAX_SIDE) {
                throw new MynnException(source + ": the picture is " + w + "x" + h + " pixels; mynn reads pictures"
                        + " up to " + MAX_SIDE + " pixels a side (scale it down first)");
            }
            long pixels = (long) w * h;
            if (budget != null) {
                budget.acquire(pixels);
            }
            try {
                BufferedImage image = reader.read(0);
                if (image == null || image.getWidth() <= 0 || image.getHeight() <= 0) {
                    throw new MynnException(source + ": the picture has no pixels");
                }
                return image;
            } finally {
                if (budget != null) {
                    budget.release(pixels);
                }
            }
        } catch (RuntimeException e) {
            if (e instanceof MynnException m) {
                throw m;
            }
            throw new MynnException(source + ": cannot be decoded as a picture: " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }
}
