package org.mynn.data.fetch;

import org.junit.jupiter.api.Tag;
import org.mynn.testing.Tags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mynn.testing.Requires;
import org.junit.jupiter.api.io.TempDir;

/** Reads entries out of a tarball made by the system's tar, laid out as npm packs packages. */
@Tag(Tags.SUBPROCESS)
// waits on tar; under 1 s on a quiet machine
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TarGzTest {

    @Test
    void extract_findsTheEntry_andSaysWhenItIsMissing(@TempDir Path dir) throws Exception {
        Requires.command("tar", "apt-get install tar", "--version");
        Path data = Files.createDirectories(dir.resolve("package/data"));
        Files.writeString(dir.resolve("package/package.json"), "{}");
        byte[] big = new byte[70_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        Files.write(data.resolve("a-file"), big);
        Files.writeString(data.resolve("b-file"), "second");
        Path tgz = dir.resolve("pkg.tgz");
        Process p = new ProcessBuilder("tar", "czf", tgz.toString(), "-C", dir.toString(), "package").inheritIO().start();
        assertThat(p.waitFor()).isZero();
        Path out = dir.resolve("out");
        TarGz.extract(tgz, "package/data/b-file", out);
        assertThat(Files.readString(out)).isEqualTo("second");
        Files.delete(out);
        TarGz.extract(tgz, "package/data/a-file", out);
        assertThat(Files.readAllBytes(out)).isEqualTo(big);
        assertThatThrownBy(() -> TarGz.extract(tgz, "package/data/c-file", dir.resolve("c")))
                .hasMessage("no package/data/c-file in pkg.tgz");
    }
}
