package org.mynn.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.MynnException;
import org.mynn.testing.Requires;
import org.mynn.testing.Tags;

/**
 * What an atomic save may replace: a regular file, or nothing yet. Devices, pipes and folders are refused and left
 * as they were; a symbolic link is written through, and stays a link.
 */
// a named pipe opened for writing blocks until a reader comes, which no interrupt ends; under 1 s
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AtomicTargetsTest {

    @TempDir
    Path dir;

    @Test
    void aDevice_isRefused_andLeftAlone() throws IOException {
        Path full = Path.of("/dev/full");
        Requires.that(Files.exists(full), "/dev/full does not exist here", "a Linux machine has it");
        assertThatThrownBy(() -> AtomicFiles.write(full, "x".getBytes())).isInstanceOf(MynnException.class)
                .hasMessage("cannot write /dev/full: it is a character device, not a regular file");
        assertThat(AtomicFiles.kind(full)).isEqualTo("a character device");
        assertThatThrownBy(() -> AtomicFiles.checkOutput(Path.of("/dev/null")))
                .hasMessage("cannot write /dev/null: it is a character device, not a regular file");
    }

    @Test
    @Tag(Tags.SUBPROCESS)
    void aNamedPipe_isRefused() throws Exception {
        Requires.command("mkfifo", "coreutils makes named pipes: apt-get install coreutils", "--version");
        Path fifo = dir.resolve("pipe");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        assertThatThrownBy(() -> AtomicFiles.write(fifo, "x".getBytes()))
                .hasMessage("cannot write " + fifo + ": it is a named pipe (FIFO), not a regular file");
        assertThat(Files.isRegularFile(fifo)).isFalse();
    }

    @Test
    void aSymbolicLink_isWrittenThrough_andStaysALink() throws IOException {
        Path real = Files.writeString(dir.resolve("real.json"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), Path.of("real.json"));
        AtomicFiles.write(link, "new".getBytes());
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("new");
        assertThat(Files.readString(link)).isEqualTo("new");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly("link.json", "real.json");
        }
    }

    @Test
    void aDanglingLink_createsItsTarget_andALoopIsRefused() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("new.json"), Path.of("made.json"));
        AtomicFiles.write(link, "made".getBytes());
        assertThat(Files.readString(dir.resolve("made.json"))).isEqualTo("made");
        Path a = Files.createSymbolicLink(dir.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(dir.resolve("b"), Path.of("a"));
        assertThatThrownBy(() -> AtomicFiles.write(a, "x".getBytes()))
                .hasMessage("cannot write " + a + ": its symbolic links go round in a loop");
    }

    @Test
    void anEmptyName_isRefused() {
        assertThatThrownBy(() -> AtomicFiles.checkOutput(Path.of(""))).hasMessage("cannot write '': an empty file name");
    }

    @Test
    void aLinkToAFolder_isRefusedAsAFolder() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path link = Files.createSymbolicLink(dir.resolve("to-sub"), sub);
        assertThatThrownBy(() -> AtomicFiles.write(link, "x".getBytes())).hasMessage("cannot write " + link + ": it is a folder");
    }
}
