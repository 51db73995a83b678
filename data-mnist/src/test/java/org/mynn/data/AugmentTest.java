package org.mynn.data;

import org.junit.jupiter.api.Tag;
import org.mynn.testing.Tags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mynn.testing.Requires;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.MynnException;
import org.mynn.core.io.NumpyArrays;

@Tag(Tags.REAL_DATA)
@Tag(Tags.SUBPROCESS)
// waits on python3 once a case (60 s each at most); about 25 s on a quiet machine
@Timeout(value = 600, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AugmentTest {

    @Test
    void withRotations_followsEachImageWithItsTwoRotations_sameLabels() {
        Dataset d = RealData.mnist(Split.TEST).slice(0, 5);
        Dataset a = Augment.withRotations(d, 10);
        assertThat(a.size()).isEqualTo(15);
        assertThat(a.name()).isEqualTo(d.name() + "+rotate:10");
        for (int i = 0; i < 5; i++) {
            assertThat(a.image(3 * i)).containsExactly(d.image(i));
            for (int k = 0; k < 3; k++) {
                assertThat(a.label(3 * i + k)).isEqualTo(d.label(i));
            }
            assertThat(a.image(3 * i + 1)).isNotEqualTo(d.image(i));
            assertThat(a.image(3 * i + 2)).isNotEqualTo(a.image(3 * i + 1));
        }
    }

    /** The book rotates with scipy.ndimage.rotate(img, angle, cval, order=1, reshape=False): mynn matches it. */
    @Test
    void rotation_matchesScipyAsTheBookCallsIt_toWithinRounding(@TempDir Path dir) throws Exception {
        Requires.python("numpy", "scipy");
        Dataset d = RealData.mnist(Split.TEST).slice(0, 3);
        Path script = dir.resolve("rotate_reference.py");
        try (InputStream in = getClass().getResourceAsStream("rotate_reference.py")) {
            Files.copy(in, script);
        }
        Dataset ours = Augment.withRotations(d, 10);
        for (int i = 0; i < 3; i++) {
            double[] img = new double[784];
            for (int j = 0; j < 784; j++) {
                img[j] = d.pixel(i, j);
            }
            Path in = dir.resolve("in" + i + ".npy");
            NumpyArrays.write(in, 28, 28, img);
            for (int sign : new int[] {1, -1}) {
                Path out = dir.resolve("out" + i + sign + ".npy");
                Process p = new ProcessBuilder("python3", script.toString(), in.toString(), Integer.toString(10 * sign),
                        out.toString()).inheritIO().start();
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).isZero();
                double[] scipy = NumpyArrays.read(out).data();
                byte[] mine = ours.image(3 * i + (sign > 0 ? 1 : 2));
                for (int j = 0; j < 784; j++) {
                    assertThat((double) (mine[j] & 0xff)).as("image %d, angle %d, pixel %d", i, 10 * sign, j)
                            .isCloseTo(scipy[j], org.assertj.core.api.Assertions.within(0.5 + 1e-9));
                }
            }
        }
    }

    @Test
    void parse_readsEachAugmentationWithItsSettings_andNamesWhatIsWrong() {
        Augment a = Augment.builtIn();
        assertThat(a.parse("rotate:10").steps().get(0).settings()).containsExactly(10.0);
        assertThat(a.parse("Rotate:7.5").steps().get(0).settings()).containsExactly(7.5);
        assertThat(a.parse("rotate").steps().get(0).settings()).containsExactly(10.0);
        assertThat(a.parse("shift:2, elastic:34:4").spec()).isEqualTo("shift:2,elastic:34:4");
        assertThatThrownBy(() -> a.parse("rotate:0")).isInstanceOf(MynnException.class)
                .hasMessage("rotate's DEGREES must be above 0 and at most 179.999 but is 0");
        assertThatThrownBy(() -> a.parse("rotate:x")).hasMessage("'rotate:x' is not understood: 'x' is not a number (write"
                + " rotate[:DEGREES])");
        assertThatThrownBy(() -> a.parse("flip")).hasMessage("unknown augmentation 'flip'; available: affine, elastic, rotate,"
                + " shift (a plugin jar adds more)");
        assertThatThrownBy(() -> a.parse("elastic:1:2:3")).hasMessage("elastic takes 2 settings but 3 were given (write"
                + " elastic[:ALPHA[:SIGMA]])");
        assertThatThrownBy(() -> a.parse("shift:1.5")).hasMessage("shift's PIXELS must be a whole number but is 1.5");
        assertThatThrownBy(() -> a.parse("shift:2,")).hasMessageContaining("has an empty augmentation");
    }
}
