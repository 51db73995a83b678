package org.mynn.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageRendererTest {

    final ImageRenderer renderer = new PixelImageRenderer();

    static double[] random784() {
        return new Random(345).doubles(784, -3, 5).toArray();
    }

    static int argMin(double[] v) {
        int k = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] < v[k]) {
                k = i;
            }
        }
        return k;
    }

    static int argMax(double[] v) {
        int k = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[k]) {
                k = i;
            }
        }
        return k;
    }

    @Test
    void greys_defaultTenTimes_minIsWhiteMaxIsBlack_280x280() {
        double[] v = random784();
        BufferedImage img = renderer.render(v, 28, 28, ColorMap.GREYS, 10);
        assertThat(img.getWidth()).isEqualTo(280);
        assertThat(img.getHeight()).isEqualTo(280);
        int min = argMin(v);
        int max = argMax(v);
        assertThat(img.getRGB((min % 28) * 10 + 5, (min / 28) * 10 + 5) & 0xffffff).isEqualTo(0xffffff);
        assertThat(img.getRGB((max % 28) * 10 + 5, (max / 28) * 10 + 5) & 0xffffff).isEqualTo(0x000000);
    }

    @Test
    void gray_isTheReverse() {
        double[] v = random784();
        BufferedImage img = renderer.render(v, 28, 28, ColorMap.GRAY, 1);
        int min = argMin(v);
        assertThat(img.getRGB(min % 28, min / 28) & 0xffffff).isEqualTo(0x000000);
    }

    @Test
    void upscaling_repeatsEveryPixelExactly() {
        double[] v = random784();
        BufferedImage one = renderer.render(v, 28, 28, ColorMap.GREYS, 1);
        BufferedImage seven = renderer.render(v, 28, 28, ColorMap.GREYS, 7);
        for (int y = 0; y < 28 * 7; y++) {
            for (int x = 0; x < 28 * 7; x++) {
                assertThat(seven.getRGB(x, y)).isEqualTo(one.getRGB(x / 7, y / 7));
            }
        }
    }

    @Test
    void greys_isLinearBetweenMinAndMax() {
        BufferedImage img = renderer.render(new double[] {2, 4, 6}, 1, 3, ColorMap.GREYS, 1);
        assertThat(img.getRGB(0, 0) & 0xffffff).isEqualTo(0xffffff);
        assertThat(img.getRGB(1, 0) & 0xff).isEqualTo(128);
        assertThat(img.getRGB(2, 0) & 0xffffff).isZero();
    }

    @Test
    void nonSquareImages_work() {
        BufferedImage img = renderer.render(new double[6], 2, 3, ColorMap.GREYS, 4);
        assertThat(img.getWidth()).isEqualTo(12);
        assertThat(img.getHeight()).isEqualTo(8);
    }
}
