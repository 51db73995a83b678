package org.mynn.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mynn.core.kernel.Kernels;
import org.mynn.testing.Requires;
import org.mynn.testing.Tags;

/**
 * The same weights, bit for bit, on every vector width and with the scalar kernels: {@link SameBitsMain} runs in
 * separate JVMs with the processor's widest vectors (512 bits here), with {@code -XX:MaxVectorSize=32} (256-bit) and
 * {@code -XX:MaxVectorSize=16} (128-bit, as ARM's NEON) where they are narrower than the widest, {@code
 * -XX:MaxVectorSize=8} (narrower than the vector
 * kernels take: the scalar ones run) and with {@code -Dmynn.kernels=scalar}; each says which kernels it used, and every
 * hash it prints (every kernel's results; networks trained per sample and in mini-batches with momentum and Adam, double and
 * float, 1 and 2 threads) must be the same in all of them.
 */
@Tag(Tags.SUBPROCESS)
// five child JVMs, each a few seconds on a quiet machine
@Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SameBitsOnEveryWidthTest {

    record Run(String kernels, Map<String, String> hashes) {
    }

    static Run run(String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-modules");
        command.add("jdk.incubator.vector");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(List.of(options));
        command.add(SameBitsMain.class.getName());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(240, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s:%n%s", List.of(options), out).isZero();
        String kernels = null;
        Map<String, String> hashes = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("kernels ")) {
                kernels = line.substring("kernels ".length()).trim();
            } else if (line.matches("[a-z0-9-]+ [0-9a-f]{64}")) {
                hashes.put(line.substring(0, line.indexOf(' ')), line.substring(line.indexOf(' ') + 1));
            }
        }
        assertThat(hashes).as("%s:%n%s", List.of(options), out).hasSize(14);
        return new Run(kernels, hashes);
    }

    static String vector(int bits) {
        return "vector (" + bits + "-bit, 8-lane sums)";
    }

    @Test
    void everyWidthAndTheScalarKernels_trainTheSameWeightsBitForBit() throws Exception {
        int widest = Kernels.best().vectorBits();
        Requires.that(widest >= 128, "the Vector API with vectors of at least 128 bits",
                "this JVM's vector kernels are " + (widest == 0 ? "off" : widest + "-bit"));
        Run scalar = run("-Dmynn.kernels=scalar");
        assertThat(scalar.kernels()).isEqualTo("scalar");
        Map<String, Run> runs = new LinkedHashMap<>();
        runs.put("default", run());
        assertThat(runs.get("default").kernels()).isEqualTo(vector(widest));
        for (int bits : new int[] {256, 128}) {
            if (bits < widest) { // every narrower width this processor has (a 256-bit one compares 256 and 128)
                String option = "-XX:MaxVectorSize=" + bits / 8;
                runs.put(option, run(option));
                assertThat(runs.get(option).kernels()).isEqualTo(vector(bits));
            }
        }
        runs.put("-XX:MaxVectorSize=8", run("-XX:MaxVectorSize=8"));
        assertThat(runs.get("-XX:MaxVectorSize=8").kernels()).as("vectors narrower than 128 bits: the scalar kernels")
                .isEqualTo("scalar");
        for (Map.Entry<String, Run> e : runs.entrySet()) {
            assertThat(e.getValue().hashes()).as("%s (%s) against the scalar kernels", e.getKey(), e.getValue().kernels())
                    .containsExactlyEntriesOf(scalar.hashes());
        }
    }
}
