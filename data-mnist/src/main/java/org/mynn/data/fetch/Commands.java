package org.mynn.data.fetch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the external commands some sources fetch with ({@code npm pack}, {@code apt-get download}, {@code dpkg-deb}). */
final class Commands {

    private Commands() {
    }

    /**
     * Runs {@code command} in {@code dir}, its output kept in {@code dir/<log>}.
     *
     * @throws IOException with a short reason when the command is missing, times out, is interrupted or fails; a
     *                     failure ends with the last line the command printed
     */
    static void run(Path dir, Duration timeout, String log, List<String> command) throws IOException {
        String shown = String.join(" ", command);
        Path logFile = dir.resolve(log);
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(logFile.toFile()).start();
        } catch (IOException e) {
            throw new IOException(command.get(0) + " is not installed (or not on the PATH)");
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(shown + " did not finish within " + timeout.toMinutes() + " minutes");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + shown + " ran");
        }
        if (p.exitValue() != 0) {
            String text = Files.readString(logFile, StandardCharsets.UTF_8).strip();
            String last = text.isEmpty() ? "" : text.substring(text.lastIndexOf('\n') + 1).strip();
            throw new IOException(shown + " failed with exit code " + p.exitValue() + (last.isEmpty() ? "" : ": " + last));
        }
    }

    /** Deletes {@code dir} and everything in it, quietly: a leftover scratch folder is harmless. */
    static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a leftover mynn-* folder in the temporary folder is harmless
        }
    }

    /** @return the one file in {@code dir} whose name ends with {@code suffix} */
    static Path single(Path dir, String suffix, String what) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst()
                    .orElseThrow(() -> new IOException(what + " made no " + suffix + " file"));
        }
    }
}
