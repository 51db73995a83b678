package org.mynn.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.testing.Requires;
import org.mynn.testing.Tags;

/**
 * The fused float optimizer steps ({@link Kernels#stepBatch}, vector and scalar) against numpy's float32 formulas
 * ({@code float_steps.py}): one mini-batch step of momentum and one of Adam on a small layer (8 rows, 37 inputs,
 * batches of 16).
 *
 * <p>Two kinds of data. With inputs and deltas that are small multiples of powers of two, every sum of the gradient is
 * exact in float whatever its order, so numpy's BLAS order and the kernels' give the same directions, and the steps,
 * the same float operations in the same order, must agree bit for bit. With random data the gradient's sums differ in
 * order (BLAS's against the kernels' one sum after another), each by a few float roundings: the directions differ by
 * at most {@code batch * 2^-24 * sum|gt a|}, about 1e-6 here; momentum carries that into the weights times
 * {@code lr}, Adam (whose step is a ratio) by a relative 1e-6 of its step, far below {@code 1e-5}, the tolerance.
 */
@Tag(Tags.SUBPROCESS)
class FloatStepNumpyTest {

    private static final int BATCH = 16;
    private static final int M = 8;
    private static final int N = 37;

    @TempDir
    Path dir;

    record Case(String name, String kind, FloatStep step, double lr, double mu, double b1, double b2, double eps, long t,
            float[] gt, float[] a, float[] w, float[] s0, float[] s1) {
    }

    @Test
    void oneMomentumAndOneAdamStep_matchNumpysFloat32() throws Exception {
        Requires.python("numpy");
        List<Case> cases = new ArrayList<>();
        for (boolean exact : new boolean[] {true, false}) {
            Random r = new Random(exact ? 1 : 2);
            String tag = exact ? "exact" : "random";
            cases.add(make("momentum-" + tag, "momentum", 0.1, 0.9, 0, 0, 0, 1, r, exact));
            cases.add(make("adam-" + tag, "adam", 0.001, 0, 0.9, 0.999, 1e-8, 3, r, exact));
        }
        Map<String, float[]> numpy = runNumpy(cases);
        for (Case c : cases) {
            float[] expected = numpy.get(c.name());
            assertThat(expected).as(c.name()).hasSize(3 * M * N);
            for (Kernels k : new Kernels[] {new ScalarKernels(), new VectorKernels()}) {
                float[] w = c.w().clone();
                float[] s0 = c.s0().clone();
                float[] s1 = c.s1().clone();
                k.stepBatch(c.step(), 1f / BATCH, c.gt(), BATCH, c.a(), N, w, s0, s1, 0, M);
                float[] got = new float[3 * M * N];
                System.arraycopy(w, 0, got, 0, M * N);
                System.arraycopy(s0, 0, got, M * N, M * N);
                System.arraycopy(s1, 0, got, 2 * M * N, M * N);
                if (c.name().endsWith("exact")) {
                    assertThat(got).as("%s, %s: bit for bit", c.name(), k.name()).containsExactly(expected);
                } else {
                    for (int i = 0; i < got.length; i++) {
                        assertThat((double) got[i]).as("%s, %s, value %d", c.name(), k.name(), i)
                                .isCloseTo(expected[i], org.assertj.core.api.Assertions.within(1e-5));
                    }
                }
                // the step moved the weights: the comparison is not of two copies of the start
                assertThat(w).as(c.name()).isNotEqualTo(c.w());
            }
        }
    }

    private static Case make(String name, String kind, double lr, double mu, double b1, double b2, double eps, long t,
            Random r, boolean exact) {
        float[] gt = values(r, M * BATCH, exact);
        float[] a = values(r, BATCH * N, exact);
        float[] w = values(r, M * N, false);
        float[] s0 = values(r, M * N, false);
        float[] s1 = new float[M * N];
        for (int i = 0; i < s1.length; i++) {
            s1[i] = (float) (0.01 + r.nextDouble() * 0.1);
        }
        if (kind.equals("momentum")) {
            s1 = new float[M * N];
        }
        FloatStep step = kind.equals("adam") ? FloatStep.adam(lr, b1, b2, eps, t) : FloatStep.momentum(lr, mu, false);
        return new Case(name, kind, step, lr, mu, b1, b2, eps, t, gt, a, w, s0, s1);
    }

    /** Random floats in (-1, 1); with {@code exact}, multiples of 1/8 up to 1, whose products and sums are exact. */
    private static float[] values(Random r, int n, boolean exact) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = exact ? (r.nextInt(17) - 8) / 8f : (float) (r.nextDouble() * 2 - 1);
        }
        return v;
    }

    private Map<String, float[]> runNumpy(List<Case> cases) throws IOException, InterruptedException {
        StringBuilder in = new StringBuilder();
        for (Case c : cases) {
            in.append(c.name()).append(' ').append(c.kind()).append(' ').append(BATCH).append(' ').append(M).append(' ')
                    .append(N).append(' ').append(1.0 / BATCH).append(' ').append(c.lr()).append(' ').append(c.mu())
                    .append(' ').append(c.b1()).append(' ').append(c.b2()).append(' ').append(c.eps()).append(' ')
                    .append(c.t());
            for (float[] arr : new float[][] {c.gt(), c.a(), c.w(), c.s0(), c.s1()}) {
                for (float x : arr) {
                    in.append(' ').append(Double.toHexString(x));
                }
            }
            in.append('\n');
        }
        Path input = dir.resolve("cases.txt");
        Path output = dir.resolve("results.txt");
        Path script = dir.resolve("float_steps.py");
        Path errors = dir.resolve("stderr.txt");
        Files.writeString(input, in, StandardCharsets.UTF_8);
        try (InputStream s = getClass().getResourceAsStream("float_steps.py")) {
            Files.copy(s, script);
        }
        Process p = new ProcessBuilder("python3", script.toString(), input.toString(), output.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errors.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("float_steps.py took more than 120 s");
        }
        assertThat(p.exitValue()).as(Files.readString(errors, StandardCharsets.UTF_8)).isZero();
        Map<String, float[]> out = new HashMap<>();
        for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
            String[] tok = line.trim().split(" ");
            float[] v = new float[tok.length - 1];
            for (int i = 1; i < tok.length; i++) {
                v[i - 1] = (float) Double.parseDouble(tok[i]);
            }
            out.put(tok[0], v);
        }
        return out;
    }
}
