package org.mynn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.io.ModelJson;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.testing.Requires;
import org.mynn.testing.Tags;

/**
 * The {@code ./mynn} launcher itself (run after the jar is built): a signal sent to it reaches Java, which stops,
 * and the launcher's exit status is Java's; nothing of it is left running.
 */
@Tag(Tags.SUBPROCESS)
// reads the launcher's output line by line and waits on it (30 s at most); a few seconds on a quiet machine
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LauncherIT {

    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    static Process serve(Path dir) throws Exception {
        Path model = dir.resolve("m.json");
        new ModelJson(ActivationRegistry.load()).save(NeuralNetwork.builder(784, 20, 10).seed(1).build(), model);
        ProcessBuilder pb = new ProcessBuilder("bash", ROOT.resolve("mynn").toString(), "serve", "--model", model.toString(),
                "--port", "0").redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("MYNN_NO_BUILD", "1");
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("the launcher's first line").isNotNull().contains(" on http://127.0.0.1:");
        return p;
    }

    static void stopsWith(Process p, List<ProcessHandle> family, int status) throws Exception {
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the launcher ends").isTrue();
        assertThat(p.exitValue()).isEqualTo(status);
        for (ProcessHandle h : family) {
            assertThat(h.onExit().get(10, TimeUnit.SECONDS).isAlive()).as("process " + h.pid() + " left running").isFalse();
        }
    }

    /** Stops whatever a test left running, whether it passed or not. */
    static void cleanUp(Process p) {
        if (p != null) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Test
    void sigterm_stopsTheServer_andTheLauncherExitsWithJavasStatus(@TempDir Path dir) throws Exception {
        Process p = null;
        try {
            p = serve(dir);
            assertThat(ProcessHandle.of(p.pid()).orElseThrow().info().command().orElse("")).as("the launcher became Java")
                    .endsWith("java");
            List<ProcessHandle> family = p.descendants().toList();
            p.destroy(); // SIGTERM, as a supervisor stops a service
            stopsWith(p, family, 143);
        } finally {
            cleanUp(p);
        }
    }

    @Test
    void sigint_stopsTheServer_too(@TempDir Path dir) throws Exception {
        Requires.command("kill", "a POSIX kill sends SIGINT: apt-get install procps", "-l");
        Requires.that(!sigintIgnored(), "SIGINT reaching a process",
                "this test runs where SIGINT is ignored (a background job of a non-interactive shell passes that on to"
                        + " everything it starts); run it from a terminal or CI");
        Process p = null;
        try {
            p = serve(dir);
            List<ProcessHandle> family = p.descendants().toList();
            assertThat(new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor()).isZero();
            stopsWith(p, family, 130);
        } finally {
            cleanUp(p);
        }
    }

    /** @return true when this process ignores SIGINT, which every process it starts then inherits (Linux only) */
    static boolean sigintIgnored() throws Exception {
        Path status = Path.of("/proc/self/status");
        if (!java.nio.file.Files.exists(status)) {
            return false;
        }
        for (String line : java.nio.file.Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << 1)) != 0;
            }
        }
        return false;
    }
}
