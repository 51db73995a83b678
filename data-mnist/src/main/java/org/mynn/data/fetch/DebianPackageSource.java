package org.mynn.data.fetch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A Debian package holding the files, fetched without root: {@code apt-get download <package>} puts the package
 * file into a scratch folder (any user may, where the package lists are present), {@code dpkg-deb -x} unpacks it
 * there, and the files are read from the unpacked folder. Nothing is installed.
 */
public final class DebianPackageSource implements FetchSource {

    private final String pkg;
    private final String folderInPackage;
    private final String aptGet;

    private Path workDir;
    private Path unpacked;

    /**
     * @param pkg             e.g. {@code dataset-fashion-mnist}
     * @param folderInPackage where the files lie inside the package, e.g. {@code usr/share/datasets/fashion-mnist}
     */
    public DebianPackageSource(String pkg, String folderInPackage) {
        this(pkg, folderInPackage, "apt-get");
    }

    /** @param aptGet the {@code apt-get} program to run (tests give a stand-in) */
    DebianPackageSource(String pkg, String folderInPackage, String aptGet) {
        this.pkg = pkg;
        this.folderInPackage = folderInPackage;
        this.aptGet = aptGet;
    }

    @Override
    public String describe() {
        return "Debian package " + pkg + ", downloaded with apt-get download (no root needed)";
    }

    @Override
    public synchronized void fetch(RemoteFile file, Path dest, ProgressListener progress) throws IOException {
        if (unpacked == null) {
            workDir = Files.createTempDirectory("mynn-deb-");
            progress.started("apt-get download " + pkg, -1);
            try {
                Commands.run(workDir, Duration.ofMinutes(10), "apt.log", List.of(aptGet, "download", "-q", pkg));
                Path deb = Commands.single(workDir, ".deb", "apt-get download " + pkg);
                Path root = workDir.resolve("root");
                Commands.run(workDir, Duration.ofMinutes(5), "dpkg.log", List.of("dpkg-deb", "-x", deb.toString(),
                        root.toString()));
                Files.delete(deb);
                unpacked = root.resolve(folderInPackage);
            } finally {
                progress.finished();
            }
        }
        new LocalFolderSource(unpacked, describe()).fetch(file, dest, progress);
    }

    @Override
    public synchronized void close() {
        Commands.deleteTree(workDir);
        workDir = null;
        unpacked = null;
    }
}
