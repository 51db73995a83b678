package org.mynn.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.testing.Tags;

/**
 * What mynn saves, mynn loads: in a JVM of 128 MB, a network near the largest it lets itself build is saved, and a
 * fresh JVM of the same size loads it (the reader streams the weights into their matrices); a network too large for
 * the JVM is refused before anything is allocated, saying how to give Java more.
 */
@Tag(Tags.SUBPROCESS)
// reads a child JVM's output to its end; about 10 s on a quiet machine
@Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BigModelTest {

    static String run(String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String[] cmd = new String[5 + args.length];
        cmd[0] = java;
        cmd[1] = "-Xmx128m";
        cmd[2] = "-cp";
        cmd[3] = System.getProperty("java.class.path");
        cmd[4] = BigModel.class.getName();
        System.arraycopy(args, 0, cmd, 5, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void nearTheLargestAllowed_savesAndLoadsInTheSameHeap_andTooLargeIsRefusedFirst(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("big.json");
        String saved = run("save", file.toString(), "0.9");
        assertThat(saved).startsWith("saved ");
        long weights = Long.parseLong(saved.split(" ")[1]);
        assertThat(weights).isGreaterThan(10_000_000L);
        assertThat(run("load", file.toString())).isEqualTo("loaded " + weights + " weights");

        String refused = run("save", dir.resolve("too-big.json").toString(), "1.5");
        assertThat(refused).startsWith("mynn: a 784-").contains(" weights need about ").contains(" MB but Java has ")
                .contains("give it more with MYNN_JAVA_OPTS=-Xmx");
        assertThat(dir.resolve("too-big.json")).doesNotExist();
    }
}
