package org.mynn.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.io.NumpyArrays;
import org.mynn.testing.Requires;
import org.mynn.testing.Tags;

/**
 * The elastic distortion's kernels: {@link Kernels#uniforms} against numpy's uint32 arithmetic and as random numbers,
 * {@link Kernels#bilinear} against a bilinear read written out in double from its definition, and the vector kernels
 * against the scalar ones bit for bit. (The distortion as a whole against scipy: {@code AugmentationTest}.)
 */
class ElasticKernelsTest {

    private final Kernels scalar = new ScalarKernels();
    private final Kernels vector = new VectorKernels();

    @Test
    void uniforms_vectorIsScalarBitForBit_forEveryLengthStartAndOffset() {
        Random r = new Random(7);
        for (int n : new int[] {0, 1, 3, 7, 8, 15, 16, 17, 31, 33, 784, 1568}) {
            for (int start : new int[] {0, 1, 13, Integer.MAX_VALUE - 40, -5}) {
                long key = r.nextLong();
                float[] a = new float[n + 5];
                float[] b = new float[n + 5];
                a[0] = b[0] = 42f;
                a[n + 4] = b[n + 4] = 42f;
                scalar.uniforms(key, start, a, 3, n);
                vector.uniforms(key, start, b, 3, n);
                assertThat(b).as("n=%d start=%d", n, start).isEqualTo(a);
                assertThat(a[0]).isEqualTo(42f);
                assertThat(a[n + 4]).isEqualTo(42f);
            }
        }
    }

    @Test
    void uniforms_areTheHashWrittenWithLongs_onTheGridInMinusOneToOne() {
        long key = 0x0123456789ABCDEFL;
        float[] a = new float[1000];
        vector.uniforms(key, 100, a, 0, a.length);
        long lo = key & 0xFFFFFFFFL;
        long hi = key >>> 32;
        for (int i = 0; i < a.length; i++) {
            long x = ((100L + i) * 0x9E3779B9L + lo) & 0xFFFFFFFFL;
            x = lowbias(lowbias(x) ^ hi);
            float expected = (float) ((x >>> 8) / 8388608.0 - 1);
            assertThat(a[i]).as("value %d", i).isEqualTo(expected);
            assertThat(a[i]).isGreaterThanOrEqualTo(-1f).isLessThan(1f);
            assertThat((a[i] + 1f) * 8388608f % 1f).isZero();
        }
    }

    private static long lowbias(long x) {
        x ^= x >>> 16;
        x = (x * 0x7feb352dL) & 0xFFFFFFFFL;
        x ^= x >>> 15;
        x = (x * 0x846ca68bL) & 0xFFFFFFFFL;
        return x ^ (x >>> 16);
    }

    /** Mean 0, variance 1/3, flat histogram; no correlation between neighbours in a field nor between fields. */
    @Test
    void uniforms_lookUniformAndIndependent_withinAFieldAndBetweenNeighbouringKeys() {
        int n = 1568;
        int fields = 400;
        float[][] f = new float[fields][n];
        for (int k = 0; k < fields; k++) {
            vector.uniforms(k, 0, f[k], 0, n);
        }
        double sum = 0;
        double squares = 0;
        double lag = 0;
        double across = 0;
        int[] bins = new int[16];
        for (int k = 0; k < fields; k++) {
            for (int i = 0; i < n; i++) {
                double v = f[k][i];
                sum += v;
                squares += v * v;
                bins[(int) ((v + 1) * 8)]++;
                if (i > 0) {
                    lag += v * f[k][i - 1];
                }
                if (k > 0) {
                    across += v * f[k - 1][i];
                }
            }
        }
        double count = (double) n * fields;
        // standard errors: mean sqrt(1/3 / count) = 0.0007; the products' (1/3 / sqrt(count)) = 0.0004
        assertThat(sum / count).isCloseTo(0, within(0.004));
        assertThat(squares / count).isCloseTo(1 / 3.0, within(0.003));
        assertThat(lag / count / (1 / 3.0)).as("correlation of neighbours in a field").isCloseTo(0, within(0.01));
        assertThat(across / count / (1 / 3.0)).as("correlation of the fields of keys k and k+1").isCloseTo(0, within(0.01));
        double chi2 = 0;
        for (int b : bins) {
            chi2 += (b - count / 16) * (b - count / 16) / (count / 16);
        }
        assertThat(chi2).as("chi-squared of 16 bins, 15 degrees of freedom (99.99%% below 44)").isLessThan(44);
    }

    @Test
    @Tag(Tags.SUBPROCESS)
    void uniforms_areNumpysUint32Arithmetic(@TempDir Path dir) throws Exception {
        Requires.python("numpy");
        Path script = dir.resolve("uniforms_reference.py");
        try (InputStream in = getClass().getResourceAsStream("uniforms_reference.py")) {
            Files.copy(in, script);
        }
        for (long key : new long[] {0L, -1L, 0x0123456789ABCDEFL, Long.MIN_VALUE + 12345}) {
            int start = (int) (key & 0x3FF);
            int n = 1568;
            Path out = dir.resolve("u.npy");
            Process p = new ProcessBuilder("python3", script.toString(), Long.toString(key), Integer.toString(start),
                    Integer.toString(n), out.toString()).inheritIO().start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            double[] numpy = NumpyArrays.read(out).data();
            for (Kernels k : new Kernels[] {scalar, vector}) {
                float[] mine = new float[n];
                k.uniforms(key, start, mine, 0, n);
                for (int i = 0; i < n; i++) {
                    assertThat(mine[i]).as("%s, key %d, value %d", k.name(), key, i).isEqualTo((float) numpy[i]);
                }
            }
        }
    }

    @Test
    void bilinear_vectorIsScalarBitForBit_andIsTheBilinearReadOfItsDefinition() {
        Random r = new Random(11);
        int border = 2;
        for (int[] size : new int[][] {{28, 28}, {1, 1}, {5, 3}, {9, 17}, {20, 33}, {3, 40}}) {
            int rows = size[0];
            int cols = size[1];
            int stride = (cols + 15) / 16 * 16;
            int pw = cols + 2 * border + 1;
            float[] picture = new float[rows * cols];
            for (int i = 0; i < picture.length; i++) {
                picture[i] = r.nextInt(256);
            }
            float[] pic = new float[(rows + 2 * border + 1) * pw];
            for (int y = 0; y < rows; y++) {
                System.arraycopy(picture, y * cols, pic, (y + border) * pw + border, cols);
            }
            for (double reach : new double[] {0.5, 3, 40}) {
                float[] disp = new float[2 * rows * stride];
                for (int i = 0; i < disp.length; i++) {
                    disp[i] = (float) ((2 * r.nextDouble() - 1) * reach);
                }
                float[] a = new float[rows * cols];
                float[] b = new float[rows * cols];
                scalar.bilinear(pic, pw, border, disp, stride, rows, cols, a, new float[7 * stride], new int[stride]);
                vector.bilinear(pic, pw, border, disp, stride, rows, cols, b, new float[7 * stride], new int[stride]);
                assertThat(b).as("%dx%d, displacements up to %s", rows, cols, reach).isEqualTo(a);
                for (int y = 0; y < rows; y++) {
                    for (int x = 0; x < cols; x++) {
                        double sy = y + (double) disp[2 * y * stride + stride + x];
                        double sx = x + (double) disp[2 * y * stride + x];
                        assertThat((double) a[y * cols + x]).as("%dx%d pixel (%d, %d)", rows, cols, y, x)
                                .isCloseTo(read(picture, rows, cols, sy, sx), within(1e-3));
                    }
                }
            }
        }
    }

    /** scipy's map_coordinates(order=1, mode='grid-constant'): the picture with 0 all around it, read bilinearly. */
    private static double read(float[] picture, int rows, int cols, double sy, double sx) {
        int y0 = (int) Math.floor(sy);
        int x0 = (int) Math.floor(sx);
        double fy = sy - y0;
        double fx = sx - x0;
        double v = (1 - fy) * ((1 - fx) * at(picture, rows, cols, y0, x0) + fx * at(picture, rows, cols, y0, x0 + 1))
                + fy * ((1 - fx) * at(picture, rows, cols, y0 + 1, x0) + fx * at(picture, rows, cols, y0 + 1, x0 + 1));
        return Math.min(255, Math.max(0, v));
    }

    private static double at(float[] picture, int rows, int cols, int y, int x) {
        return y < 0 || x < 0 || y >= rows || x >= cols ? 0 : picture[y * cols + x];
    }
}
