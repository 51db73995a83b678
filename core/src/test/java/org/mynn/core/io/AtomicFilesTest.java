package org.mynn.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.MynnException;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void write_replacesTheFile() throws IOException {
        Path f = dir.resolve("a.txt");
        AtomicFiles.write(f, "one".getBytes());
        AtomicFiles.write(f, "two".getBytes());
        assertThat(Files.readString(f)).isEqualTo("two");
        assertThat(dir.toFile().list()).containsExactly("a.txt");
    }

    @Test
    void write_failingHalfway_leavesTheOldFileAndNoTemporary() throws IOException {
        Path f = dir.resolve("model.json");
        Files.writeString(f, "the old, good model");
        assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
            out.write(new byte[100_000]);
            throw new IOException("disk full");
        })).isInstanceOf(MynnException.class).hasMessage("cannot write " + f + ": disk full");
        assertThat(Files.readString(f)).isEqualTo("the old, good model");
        assertThat(dir.toFile().list()).containsExactly("model.json");
    }

    @Test
    void write_newFileIsReadableByOthers_andAnExistingFileKeepsItsPermissions() throws IOException {
        Path f = dir.resolve("m.json");
        AtomicFiles.write(f, "1".getBytes());
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-r--r--");
        Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw----"));
        AtomicFiles.write(f, "2".getBytes());
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-rw----");
    }

    @Test
    void write_parentIsAFile_failsSayingSo() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        Path target = file.resolve("model.json");
        assertThatThrownBy(() -> AtomicFiles.write(target, new byte[1]))
                .hasMessage("cannot write " + target + ": " + file + " is not a folder");
    }

    @Test
    void write_targetIsAFolder_failsSayingSo() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        assertThatThrownBy(() -> AtomicFiles.write(sub, new byte[1])).hasMessage("cannot write " + sub + ": it is a folder");
    }
}
