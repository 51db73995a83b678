package org.mynn.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.mynn.core.MynnException;
import org.mynn.core.io.AtomicFiles;

/** Checks on what a command will write, made before any long work starts. */
final class Outputs {

    private Outputs() {
    }

    /** @throws MynnException when {@code file} could not be written, before any long work starts */
    static void checkWritable(Path file) {
        AtomicFiles.probeWritableFolder(file, file.toAbsolutePath().getParent());
    }

    /** Creates folder {@code dir} if missing (its parent must exist); @return {@code dir} */
    static Path folder(Path dir) {
        Path abs = dir.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            AtomicFiles.probeWritableFolder(abs.resolve("x"), abs);
            return dir;
        }
        if (Files.exists(abs)) {
            throw new MynnException("cannot write into " + dir + ": it is a file, not a folder");
        }
        AtomicFiles.probeWritableFolder(abs, abs.getParent());
        try {
            Files.createDirectory(abs);
        } catch (java.nio.file.FileSystemException e) {
            throw new MynnException("cannot create folder " + dir + ": " + (e.getReason() == null ? e.getMessage() : e.getReason()));
        } catch (java.io.IOException e) {
            throw new MynnException("cannot create folder " + dir + ": " + e.getMessage());
        }
        return dir;
    }
}
