package org.mynn.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mynn.core.MynnException;

class ColorMapTest {

    static int[] rgb(int packed) {
        return new int[] {(packed >> 16) & 0xff, (packed >> 8) & 0xff, packed & 0xff};
    }

    @Test
    void diverging_isSymmetric_wAndMinusWGiveMirroredColours_zeroIsWhite() {
        double[] w = {-0.8, -0.3, 0, 0.3, 0.8, -0.05, 0.05};
        int[] c = ColorMap.DIVERGING.colorize(w);
        assertThat(c[2]).isEqualTo(0xffffff);
        for (int[] pair : new int[][] {{0, 4}, {1, 3}, {5, 6}}) {
            int[] neg = rgb(c[pair[0]]);
            int[] pos = rgb(c[pair[1]]);
            assertThat(neg[0]).isEqualTo(pos[2]);
            assertThat(neg[1]).isEqualTo(pos[1]);
            assertThat(neg[2]).isEqualTo(pos[0]);
        }
        assertThat(rgb(c[4])).containsExactly(255, 0, 0);
        assertThat(rgb(c[0])).containsExactly(0, 0, 255);
    }

    @Test
    void diverging_scaleIsSymmetricAroundZero_evenWhenValuesAreNot() {
        int[] c = ColorMap.DIVERGING.colorize(new double[] {-1, 0.5});
        assertThat(rgb(c[1])).containsExactly(255, 128, 128);
    }

    @Test
    void constantImage_isWhiteInGreys() {
        assertThat(ColorMap.GREYS.colorize(new double[] {3, 3})).containsOnly(0xffffff);
    }

    @Test
    void parse_knowsTheThreeMaps() {
        assertThat(ColorMap.parse("Greys")).isEqualTo(ColorMap.GREYS);
        assertThatThrownBy(() -> ColorMap.parse("viridis")).isInstanceOf(MynnException.class)
                .hasMessage("unknown colour map 'viridis'; expected greys, gray or diverging");
    }
}
