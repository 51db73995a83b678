package org.mynn.cli;

import org.junit.jupiter.api.Tag;
import org.mynn.testing.Tags;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mynn.testing.Requires;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.io.ModelJson;
import org.mynn.data.CsvWriter;
import org.mynn.data.RealData;
import org.mynn.data.Split;

/**
 * Ctrl-C (SIGINT) in the middle of training, in a real child JVM: it saves a checkpoint and says where; resuming
 * from it ends bit for bit where the run that was never interrupted ends.
 */
@Tag(Tags.REAL_DATA)
@Tag(Tags.SUBPROCESS)
// a child JVM trains on the real MNIST until Ctrl-C, read line by line, then the run is resumed here; about
// 17 s on a quiet machine
@Timeout(value = 600, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InterruptTest {

    static final ModelJson JSON = new ModelJson(ActivationRegistry.load());

    @Test
    void sigint_savesACheckpoint_andResumingItGivesTheUninterruptedResult(@TempDir Path dir) throws Exception {
        Requires.command("kill", "a POSIX kill sends Ctrl-C's SIGINT to the child JVM: apt-get install procps", "-l");
        Path train = dir.resolve("train.csv");
        Path test = dir.resolve("test.csv");
        CsvWriter.write(RealData.mnist(Split.TRAIN).slice(0, 20_000), train);
        CsvWriter.write(RealData.mnist(Split.TEST).slice(0, 1000), test);
        Path interrupted = dir.resolve("interrupted.json");
        List<String> args = List.of("train", "--train", train.toString(), "--test", test.toString(), "--hidden", "150",
                "--epochs", "6", "--seed", "7", "--threads", "1", "--quiet");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        cmd.addAll(List.of("--out", interrupted.toString()));
        Process child = new ProcessBuilder(cmd).redirectError(dir.resolve("err.txt").toFile()).start();
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.add(line);
                if (line.startsWith("epoch 1 ")) {
                    new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor();
                    break;
                }
            }
            while (r.readLine() != null) {
                // drain
            }
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("err.txt"));
        Path checkpoint = dir.resolve("interrupted.checkpoint.json");
        assertThat(child.exitValue()).as(out + err).isEqualTo(130);
        assertThat(err).contains("mynn: interrupted after 1 epoch and ").contains("saved a checkpoint to " + checkpoint)
                .contains("continue with: mynn train --resume " + checkpoint + " --out " + interrupted);
        assertThat(interrupted).doesNotExist();
        NeuralNetwork saved = JSON.load(checkpoint);
        assertThat(saved.provenance().checkpoint().epochsDone()).isEqualTo(1);
        assertThat(saved.provenance().checkpoint().epochs()).isEqualTo(6);

        Cli.Result resumed = Cli.run("train", "--resume", checkpoint.toString(), "--out", interrupted.toString(), "--threads", "2");
        assertThat(resumed.exit()).as(resumed.toString()).isZero();
        assertThat(resumed.out()).contains("continuing after 1 epoch and ").contains("epoch 6 ");
        assertThat(checkpoint).doesNotExist();

        Path whole = dir.resolve("whole.json");
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--out", whole.toString()));
        assertThat(Cli.run(all.toArray(String[]::new)).exit()).isZero();
        NeuralNetwork a = JSON.load(interrupted);
        NeuralNetwork b = JSON.load(whole);
        for (int k = 0; k < 2; k++) {
            assertThat(a.weights(k).data).as("weights %d", k).containsExactly(b.weights(k).data);
        }
        assertThat(a.provenance().checkpoint()).isNull();
        assertThat(a.provenance().epochs()).isEqualTo(6);
    }

    @Test
    void resume_refusesAFinishedModel_andOptionsThatTheCheckpointSets(@TempDir Path dir) {
        Path model = dir.resolve("m.json");
        JSON.save(NeuralNetwork.builder(784, 10, 10).seed(1).build(), model);
        Cli.Result finished = Cli.run("train", "--resume", model.toString(), "--out", dir.resolve("x.json").toString());
        assertThat(finished.exit()).isEqualTo(1);
        assertThat(finished.err()).isEqualTo("mynn: " + model + ": is a finished model, not a checkpoint (its training facts"
                + " have no 'checkpoint'); train it further with a new run instead" + System.lineSeparator());
        Cli.Result mixed = Cli.run("train", "--resume", model.toString(), "--lr", "0.3", "--out", dir.resolve("x.json").toString());
        assertThat(mixed.exit()).isEqualTo(2);
        assertThat(mixed.err()).startsWith("mynn: --resume continues a run with the settings in its checkpoint; leave out --lr");
        Cli.Result bad = Cli.run("train", "--checkpoint-every", "often", "--out", dir.resolve("x.json").toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).startsWith("mynn: --checkpoint-every must be a positive number of epochs (e.g. 1) or samples");
    }
}
