package org.mynn.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.NeuralNetwork;
import org.mynn.core.activation.ActivationRegistry;

/**
 * A model file being overwritten is never lost: a JVM killed (SIGKILL) in the middle of saving, over and over,
 * leaves either the old model or the new one, each loadable and whole.
 */
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
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    SaveLoop.class.getName(), file.toString()).redirectErrorStream(true).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.exists(file) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(150 + random.nextInt(400));
            child.destroyForcibly();
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
