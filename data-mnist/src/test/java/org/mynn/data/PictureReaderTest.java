package org.mynn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mynn.core.MynnException;

class PictureReaderTest {

    @TempDir
    Path dir;

    final PictureReader reader = new PictureReader();

    /** A "1": a vertical stroke, drawn in the upper left of a big canvas. */
    static BufferedImage stroke(int size, Color ink, Color paper, int type) {
        BufferedImage img = new BufferedImage(size, size, type);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(paper);
        g.fillRect(0, 0, size, size);
        g.setColor(ink);
        g.setStroke(new BasicStroke(size / 25f));
        g.drawLine(size / 4, size / 10, size / 4 + size / 20, size / 2);
        g.dispose();
        return img;
    }

    static int[] bbox(byte[] px) {
        int x0 = 28;
        int y0 = 28;
        int x1 = -1;
        int y1 = -1;
        for (int i = 0; i < px.length; i++) {
            if ((px[i] & 0xff) > 0) {
                x0 = Math.min(x0, i % 28);
                x1 = Math.max(x1, i % 28);
                y0 = Math.min(y0, i / 28);
                y1 = Math.max(y1, i / 28);
            }
        }
        return new int[] {x0, y0, x1, y1};
    }

    static double[] centreOfMass(byte[] px) {
        double m = 0;
        double x = 0;
        double y = 0;
        for (int i = 0; i < px.length; i++) {
            int v = px[i] & 0xff;
            m += v;
            x += (i % 28 + 0.5) * v;
            y += (i / 28 + 0.5) * v;
        }
        return new double[] {x / m, y / m};
    }

    @ParameterizedTest(name = "dark ink on light: {0}")
    @ValueSource(booleans = {true, false})
    void mnistFit_strokeAnywhere_becomesTwentyHighAndCentredByMass(boolean darkOnLight) throws IOException {
        BufferedImage img = darkOnLight ? stroke(200, Color.BLACK, Color.WHITE, BufferedImage.TYPE_INT_RGB)
                : stroke(200, Color.WHITE, Color.BLACK, BufferedImage.TYPE_INT_RGB);
        Path f = dir.resolve("one.png");
        ImageIO.write(img, "png", f.toFile());
        PictureReader.Picture p = reader.read(f, PictureReader.Fit.MNIST);
        assertThat(p.inverted()).isEqualTo(darkOnLight);
        int[] box = bbox(p.pixels());
        assertThat(box[3] - box[1] + 1).isBetween(19, 20);
        double[] com = centreOfMass(p.pixels());
        assertThat(com[0]).isBetween(13.0, 15.0);
        assertThat(com[1]).isBetween(13.0, 15.0);
        int max = 0;
        for (byte b : p.pixels()) {
            max = Math.max(max, b & 0xff);
        }
        assertThat(max).isEqualTo(255);
        assertThat(p.pixels()[0]).isZero();
    }

    @Test
    void plainFit_keepsThePlaceInThePicture() {
        PictureReader.Picture p = reader.fromImage(stroke(280, Color.BLACK, Color.WHITE, BufferedImage.TYPE_INT_RGB),
                PictureReader.Fit.PLAIN, "x");
        int[] box = bbox(p.pixels());
        assertThat(box[0]).isBetween(5, 8);
        assertThat(box[1]).isBetween(1, 3);
        assertThat(box[3]).isBetween(13, 15);
    }

    @Test
    void transparentBackground_countsAsPaper_andGreyJpegWorks() throws IOException {
        BufferedImage argb = stroke(100, Color.BLACK, new Color(0, 0, 0, 0), BufferedImage.TYPE_INT_ARGB);
        assertThat(bbox(reader.fromImage(argb, PictureReader.Fit.MNIST, "t").pixels())[1]).isGreaterThanOrEqualTo(3);
        Path jpg = dir.resolve("grey.jpg");
        ImageIO.write(stroke(120, Color.DARK_GRAY, Color.LIGHT_GRAY, BufferedImage.TYPE_BYTE_GRAY), "jpg", jpg.toFile());
        double[] com = centreOfMass(reader.read(jpg, PictureReader.Fit.MNIST).pixels());
        assertThat(com[0]).isBetween(12.5, 15.5);
    }

    @Test
    void blankPicture_givesAllZeros() {
        BufferedImage white = new BufferedImage(50, 50, BufferedImage.TYPE_INT_RGB);
        assertThat(reader.fromImage(white, PictureReader.Fit.MNIST, "w").pixels()).containsOnly(0);
    }

    @Test
    void notAPicture_failsSayingWhatItIs() throws IOException {
        Path csv = Files.writeString(dir.resolve("x.png"), "5,0,0,0\n");
        assertThatThrownBy(() -> reader.read(csv, PictureReader.Fit.MNIST)).isInstanceOf(MynnException.class)
                .hasMessage(csv + ": cannot be decoded as a picture (PNG, JPEG, GIF or BMP): it starts with bytes 35 2c 30 2c (text, perhaps CSV)");
        Path empty = Files.createFile(dir.resolve("empty.png"));
        assertThatThrownBy(() -> reader.read(empty, PictureReader.Fit.MNIST))
                .hasMessage(empty + ": cannot be decoded as a picture (PNG, JPEG, GIF or BMP): the file is empty");
        Path missing = dir.resolve("missing.png");
        assertThatThrownBy(() -> reader.read(missing, PictureReader.Fit.MNIST)).hasMessage(missing + ": no such file");
    }

    @Test
    void hugePicture_isRefusedBeforeDecoding() throws IOException {
        Path f = Files.write(dir.resolve("huge.png"), pngHeader(100_000, 100_000));
        assertThatThrownBy(() -> reader.read(f, PictureReader.Fit.MNIST)).hasMessage(f
                + ": the picture is 100000x100000 pixels; mynn reads pictures up to 10000 pixels a side (scale it down first)");
    }

    @Test
    void zeroSizedPicture_isRefused() throws IOException {
        Path f = Files.write(dir.resolve("zero.png"), pngHeader(0, 5));
        assertThatThrownBy(() -> reader.read(f, PictureReader.Fit.MNIST)).isInstanceOf(MynnException.class)
                .hasMessage(f + ": the picture has no pixels (0x5)");
    }

    /** A PNG signature and IHDR chunk declaring w x h, with no pixel data after it. */
    static byte[] pngHeader(int w, int h) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        DataOutputStream c = new DataOutputStream(chunk);
        c.writeBytes("IHDR");
        c.writeInt(w);
        c.writeInt(h);
        c.write(new byte[] {8, 0, 0, 0, 0});
        byte[] body = chunk.toByteArray();
        d.writeInt(13);
        d.write(body);
        CRC32 crc = new CRC32();
        crc.update(body);
        d.writeInt((int) crc.getValue());
        return b.toByteArray();
    }
}
