package org.mynn.data.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.MynnException;
import org.mynn.data.Dataset;
import org.mynn.data.IdxReader;
import org.mynn.data.Samples;
import org.mynn.testing.Requires;
import org.mynn.testing.Tags;

/**
 * The Debian package as a source without root: a real package file (built here with {@code dpkg-deb --build}) is
 * handed out by a stand-in for {@code apt-get download}, unpacked with the real {@code dpkg-deb -x} and verified.
 */
@Tag(Tags.SUBPROCESS)
// waits on dpkg-deb; under 1 s on a quiet machine
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DebianPackageSourceTest {

    @TempDir
    Path tmp;

    @Test
    void packageDownloadedAndUnpacked_withoutRoot_givesVerifiedFiles() throws Exception {
        Requires.command("dpkg-deb", "Debian's dpkg unpacks the package: apt-get install dpkg", "--version");
        byte[] images = Samples.idx(IdxReader.IMAGES_MAGIC, new int[] {2, 2, 2}, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        byte[] labels = Samples.idx(IdxReader.LABELS_MAGIC, new int[] {2}, new byte[] {3, 4});
        Path pkg = Files.createDirectories(tmp.resolve("pkg/usr/share/datasets/tiny"));
        Files.write(pkg.resolve("tiny-images.gz"), Samples.gzip(images));
        Files.write(pkg.resolve("tiny-labels.gz"), Samples.gzip(labels));
        Files.createDirectories(tmp.resolve("pkg/DEBIAN"));
        Files.writeString(tmp.resolve("pkg/DEBIAN/control"), "Package: dataset-tiny\nVersion: 1.0\nArchitecture: all\n"
                + "Maintainer: mynn tests <tests@mynn.invalid>\nDescription: a tiny dataset\n");
        Path deb = tmp.resolve("dataset-tiny_1.0_all.deb");
        Process build = new ProcessBuilder("dpkg-deb", "--build", "--root-owner-group", tmp.resolve("pkg").toString(), deb.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(build.waitFor()).isZero();
        Path aptGet = script("apt-get", "[ \"$1\" = download ] && [ \"$3\" = dataset-tiny ] && cp " + deb + " . ");

        RemoteFile imagesFile = new RemoteFile("tiny-images", sha256(images), images.length);
        RemoteFile labelsFile = new RemoteFile("tiny-labels", sha256(labels), labels.length);
        DatasetDescriptor d = new DatasetDescriptor("tiny", "test", Dataset.numberedClasses(10), imagesFile, labelsFile,
                imagesFile, labelsFile, List.of(), List.of(new DebianPackageSource("dataset-tiny", "usr/share/datasets/tiny",
                        aptGet.toString())));
        Fetcher fetcher = new Fetcher(new DataCache(tmp.resolve("cache")), ProgressListener.NONE,
                new Fetcher.Settings(null, Duration.ofSeconds(2)));
        List<Path> paths = fetcher.ensure(d, d.files(true));
        assertThat(Files.readAllBytes(paths.get(0))).isEqualTo(images);
        assertThat(Files.readAllBytes(paths.get(1))).isEqualTo(labels);
    }

    @Test
    void aptGetThatCannotFindThePackage_isOneLineAmongTheSourcesTried() throws Exception {
        Path aptGet = script("apt-get", "echo 'E: Unable to locate package dataset-tiny' >&2; exit 100");
        DebianPackageSource source = new DebianPackageSource("dataset-tiny", "usr/share/datasets/tiny", aptGet.toString());
        RemoteFile f = new RemoteFile("tiny-images", "0".repeat(64), 1);
        DatasetDescriptor d = new DatasetDescriptor("tiny", "test", Dataset.numberedClasses(10), f, f, f, f, List.of(),
                List.of(source));
        Fetcher fetcher = new Fetcher(new DataCache(tmp.resolve("cache")), ProgressListener.NONE,
                new Fetcher.Settings(null, Duration.ofSeconds(2)));
        assertThatThrownBy(() -> fetcher.ensure(d, List.of(f))).isInstanceOf(MynnException.class)
                .hasMessageContaining("  - Debian package dataset-tiny, downloaded with apt-get download (no root needed): "
                        + aptGet + " download -q dataset-tiny failed with exit code 100: E: Unable to locate package dataset-tiny\n");
        DebianPackageSource missing = new DebianPackageSource("dataset-tiny", "x", tmp.resolve("no-apt-get").toString());
        assertThatThrownBy(() -> missing.fetch(f, tmp.resolve("dest"), ProgressListener.NONE))
                .hasMessage(tmp.resolve("no-apt-get") + " is not installed (or not on the PATH)");
    }

    private Path script(String name, String body) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
