package org.mynn.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EncodingTest {

    @Test
    void input_everyPixelValue_isExactlyTheSeedsFormula() {
        for (int p = 0; p < 256; p++) {
            double seed = (p / 255.0 * 0.99) + 0.01;
            assertThat(Encoding.input(p)).isEqualTo(seed);
        }
        assertThat(Encoding.input(0)).isEqualTo(0.01);
        assertThat(Encoding.input(255)).isEqualTo(1.0);
    }

    @Test
    void inputs_readsUnsignedBytes() {
        double[] out = new double[3];
        Encoding.inputs(new byte[] {9, 0, (byte) 200, (byte) 255}, 1, out);
        assertThat(out).containsExactly(0.01, 200 / 255.0 * 0.99 + 0.01, 1.0);
    }

    @Test
    void target_isPointZeroOneEverywhereButPointNineNineAtTheLabel() {
        assertThat(Encoding.target(3, 5)).containsExactly(0.01, 0.01, 0.01, 0.99, 0.01);
    }
}
