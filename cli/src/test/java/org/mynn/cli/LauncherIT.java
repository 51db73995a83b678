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
 * and the launcher's exit status is Java's; nothing of it is left running. It rebuilds the jar only when a file the jar is
 * built from changed.
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

    @Test
    void aChangedTestOrDoc_doesNotRebuild_butAChangedSourceDoes(@TempDir Path dir) throws Exception {
        // a copy of the launcher beside a copy of the jar, in a tree shaped like the repository's
        Path launcher = dir.resolve("mynn");
        java.nio.file.Files.copy(ROOT.resolve("mynn"), launcher);
        Path jar = dir.resolve("cli/target/mynn.jar");
        java.nio.file.Files.createDirectories(jar.getParent());
        java.nio.file.Files.copy(ROOT.resolve("cli/target/mynn.jar"), jar);
        java.nio.file.attribute.FileTime built = java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000);
        java.nio.file.Files.setLastModifiedTime(jar, built);
        for (String old : List.of("pom.xml", "core/pom.xml", "core/src/main/java/A.java", "cli/src/main/resources/a.css")) {
            Path f = dir.resolve(old);
            java.nio.file.Files.createDirectories(f.getParent());
            java.nio.file.Files.writeString(f, "");
            java.nio.file.Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(built.toMillis() - 60_000));
        }
        for (String changed : List.of("core/src/test/java/ATest.java", "docs/speed.md", "bench/src/main/java/B.java",
                "README.md")) {
            Path f = dir.resolve(changed);
            java.nio.file.Files.createDirectories(f.getParent());
            java.nio.file.Files.writeString(f, "");
        }
        assertThat(launch(launcher)).as("after a change to tests, docs and benchmarks").startsWith("0 mynn ");
        for (String changed : List.of("core/src/main/java/A.java", "cli/src/main/resources/a.css", "core/pom.xml")) {
            java.nio.file.Files.writeString(dir.resolve(changed), "changed");
            assertThat(launch(launcher)).as("after a change to " + changed)
                    .startsWith("1 mynn: ").contains("older than the sources");
            java.nio.file.Files.setLastModifiedTime(dir.resolve(changed), java.nio.file.attribute.FileTime.fromMillis(
                    built.toMillis() - 60_000));
        }
    }

    /** @return the exit status, a space, and what {@code launcher --version} printed (both streams), never building */
    static String launch(Path launcher) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", launcher.toString(), "--version").redirectErrorStream(true);
        pb.environment().put("MYNN_NO_BUILD", "1");
        pb.environment().put("MYNN_CDS", "0");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() + " " + out.strip();
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
