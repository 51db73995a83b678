package org.mynn.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.testing.Tags;

/**
 * A model file being overwritten is never lost: a JVM killed (SIGKILL) in the middle of saving, over and over,
 * leaves either the old model or the new one, each loadable and whole. Half the kills land at a chosen byte of a
 * save (the child stops there and says so), half at whatever point the child's save loop has reached when the
 * parent reads that a save finished.
 */
@Tag(Tags.SUBPROCESS)
// eight child JVMs killed mid-save, each read line by line (a blocked read ignores interrupts, hence the separate
// thread); about 12 s on a quiet machine
@Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KilledDuringSaveTest {

    @Test
    void killedMidSave_leavesTheOldOrTheNewModel_neverABrokenOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.json");
        ModelJson json = new ModelJson(ActivationRegistry.load());
        double a = NeuralNetwork.builder(784, 200, 10).seed(1).build().weights(0).data[0];
        double b = NeuralNetwork.builder(784, 200, 10).seed(2).build().weights(0).data[0];
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Random random = new Random(345);
        int kills = 8;
        for (int round = 0; round < kills; round++) {
            boolean stall = round % 2 == 0;
            long save = 1 + random.nextInt(3);
            long at = random.nextInt(3_000_000);
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SaveLoop.class.getName(),
                    file.toString(), stall ? Long.toString(save) : "-1", Long.toString(at))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String awaited = stall ? "stalled" : "saved " + save;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null && !line.equals(awaited)) {
                    // the saves before the one to kill
                }
                assertThat(line).as("the child's last line").isEqualTo(awaited);
                child.destroyForcibly();
            }
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
            NeuralNetwork loaded = json.load(file);
            assertThat(loaded.weights(0).data[0]).isIn(a, b);
            assertThat(loaded.layers()).containsExactly(784, 200, 10);
        }
        try (var files = Files.list(dir)) {
            // killed writers may leave their temporary files, never a second model name
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".model.json."))).containsExactly("model.json");
        }
    }
}
