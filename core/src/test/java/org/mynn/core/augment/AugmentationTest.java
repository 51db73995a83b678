package org.mynn.core.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mynn.core.Registry;
import org.mynn.core.io.NumpyArrays;
import org.mynn.testing.Requires;
import org.mynn.testing.Tags;

// waits on python3 (60 s each at most); about 5 s on a quiet machine
@Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AugmentationTest {

    static List<Augmentation> installed() {
        return Registry.load(Augmentation.class, AugmentationTest.class.getClassLoader(), "augmentation").all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("installed")
    void everyInstalledAugmentation_keepsTheContract(Augmentation a) {
        assertThat(AugmentationContract.check(a)).as(a.name()).isEmpty();
    }

    @Test
    void contract_catchesAnAugmentationThatInventsInk_orDrawsOutsideItsRandomNumbers() {
        Shift shift = new Shift();
        Augmentation noisy = new Augmentation() {
            @Override
            public String name() {
                return "noisy";
            }

            @Override
            public String usage() {
                return "noisy";
            }

            @Override
            public double[] settings(List<Double> given) {
                return shift.settings(given);
            }

            @Override
            public void apply(float[] src, float[] out, int rows, int cols, double[] s, SplittableRandom r, int copy) {
                for (int i = 0; i < out.length; i++) {
                    out[i] = src[i] + (float) (300 * Math.random());
                }
            }
        };
        List<String> problems = AugmentationContract.check(noisy);
        assertThat(problems).anyMatch(p -> p.contains("not a grey value in 0..255"));
        assertThat(problems).anyMatch(p -> p.startsWith("apply() gave different pictures for the same random numbers"));
        assertThat(problems).anyMatch(p -> p.startsWith("a blank picture did not stay blank"));
    }

    /** Simard's elastic distortion, checked against scipy's gaussian_filter and map_coordinates on the same random field. */
    @Test
    @Tag(Tags.SUBPROCESS)
    void elastic_matchesScipy_onAFixedRandomField(@TempDir Path dir) throws Exception {
        Requires.python("numpy", "scipy");
        Path script = dir.resolve("elastic_reference.py");
        try (InputStream in = getClass().getResourceAsStream("elastic_reference.py")) {
            Files.copy(in, script);
        }
        int rows = 28;
        int cols = 28;
        float[] picture = AugmentationContract.testPicture(rows, cols);
        double[] pic = new double[rows * cols];
        for (int i = 0; i < pic.length; i++) {
            pic[i] = picture[i];
        }
        for (double[] as : new double[][] {{34, 4}, {8, 2.5}, {60, 6}}) {
            Random r = new Random(Double.doubleToLongBits(as[0]));
            float[] u = new float[rows * cols];
            float[] v = new float[rows * cols];
            double[] ud = new double[rows * cols];
            double[] vd = new double[rows * cols];
            for (int i = 0; i < u.length; i++) {
                u[i] = (float) (2 * r.nextDouble() - 1);
                v[i] = (float) (2 * r.nextDouble() - 1);
                ud[i] = u[i];
                vd[i] = v[i];
            }
            NumpyArrays.write(dir.resolve("p.npy"), rows, cols, pic);
            NumpyArrays.write(dir.resolve("u.npy"), rows, cols, ud);
            NumpyArrays.write(dir.resolve("v.npy"), rows, cols, vd);
            Process p = new ProcessBuilder("python3", script.toString(), dir.resolve("p.npy").toString(),
                    dir.resolve("u.npy").toString(), dir.resolve("v.npy").toString(), Double.toString(as[0]),
                    Double.toString(as[1]), dir.resolve("out.npy").toString()).inheritIO().start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            double[] scipy = NumpyArrays.read(dir.resolve("out.npy")).data();
            float[] mine = new float[rows * cols];
            new Elastic().distort(picture, mine, rows, cols, u.clone(), v.clone(), as[0], as[1]);
            int moved = 0;
            for (int i = 0; i < mine.length; i++) {
                assertThat((double) mine[i]).as("alpha %s sigma %s, pixel %d", as[0], as[1], i).isCloseTo(scipy[i], within(1e-3));
                moved += Math.abs(mine[i] - picture[i]) > 1 ? 1 : 0;
            }
            assertThat(moved).as("pixels the distortion changed").isGreaterThan(20);
        }
    }

    @Test
    void elastic_refusesPicturesTooLargeForItsExactArithmetic_beforeAnyWork() {
        Elastic e = new Elastic();
        double[] s = e.settings(List.of());
        e.checkFits(s, 28, 28);
        e.checkFits(s, 2000, 2000);
        assertThatThrownBy(() -> e.checkFits(s, 2100, 2100)).isInstanceOf(org.mynn.core.MynnException.class)
                .hasMessage("elastic distorts pictures of up to about 2,000x2,000 pixels, but these are 2100x2100; shrink"
                        + " them, or use shift, rotate or affine");
    }

    @Test
    void gaussianKernel_andReflection_areScipys() {
        double[] k = Pictures.gaussianKernel(4);
        assertThat(k).hasSize(33);
        double sum = 0;
        for (double w : k) {
            sum += w;
        }
        assertThat(sum).isCloseTo(1, within(1e-15));
        assertThat(Pictures.reflect(-1, 5)).isZero();
        assertThat(Pictures.reflect(-3, 5)).isEqualTo(2);
        assertThat(Pictures.reflect(5, 5)).isEqualTo(4);
        assertThat(Pictures.reflect(12, 5)).isEqualTo(2);
    }

    @Test
    void perEpochDistortions_dependOnSeedEpochAndPicture_only() {
        Augmentations a = Augmentations.parse("shift:2,elastic", Registry.load(Augmentation.class,
                getClass().getClassLoader(), "augmentation"));
        float[] src = AugmentationContract.testPicture(28, 28);
        float[] x = new float[784];
        float[] y = new float[784];
        float[] tmp = new float[784];
        a.distort(src, x, tmp, 28, 28, 5, 3, 17);
        a.distort(src, y, tmp, 28, 28, 5, 3, 17);
        assertThat(y).isEqualTo(x);
        a.distort(src, y, tmp, 28, 28, 5, 4, 17);
        assertThat(y).isNotEqualTo(x);
        a.distort(src, y, tmp, 28, 28, 6, 3, 17);
        assertThat(y).isNotEqualTo(x);
        assertThat(a.perEpoch()).hasSize(2);
        assertThat(a.copying()).isEmpty();
        assertThat(a.spec()).isEqualTo("shift:2,elastic");
    }
}
