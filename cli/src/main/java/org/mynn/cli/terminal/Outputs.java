package org.mynn.cli.terminal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mynn.core.MynnException;
import org.mynn.core.io.AtomicFiles;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks on what a command will write, made before any long work starts: an output is a regular file (or none
 * yet) in a folder that takes new files, and never one of the command's inputs.
 */
public final class Outputs {

    /** A file a command reads, with the option that names it. */
    public record Input(String option, Path path) {
    }

    private Outputs() {
    }

    /** @return an input named by {@code option}; {@code path} may be null (then it is not checked against) */
    public static Input in(String option, Path path) {
        return new Input(option, path);
    }

    /**
     * Checks the output file {@code out}, named by {@code option}, before any work.
     *
     * @throws MynnException when it cannot be written (a folder, a device, a missing or read-only folder)
     * @throws ParameterException when it is the same file as one of {@code inputs}
     */
    public static void file(CommandSpec spec, String option, Path out, Input... inputs) {
        if (out == null) {
            return;
        }
        if (out.toString().isEmpty()) {
            throw new ParameterException(spec.commandLine(), option + " is empty; give a file name");
        }
        for (Input in : inputs) {
            if (in.path() != null && same(out, in.path())) {
                throw new ParameterException(spec.commandLine(), option + " " + out + " is the same file as " + in.option()
                        + " " + in.path() + "; mynn never writes over what it reads: give another " + option);
            }
        }
        AtomicFiles.checkOutput(out);
    }

    /** @return true when writing {@code a} would write over {@code b} (links followed, hard links too) */
    public static boolean same(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // fall back to comparing the names
        }
        try {
            return AtomicFiles.resolve(a).equals(AtomicFiles.resolve(b));
        } catch (MynnException e) {
            return false;
        }
    }

    /**
     * Creates the missing folders above folder {@code dir} (not {@code dir} itself). Safe when several processes
     * make the same parents at once, as the tasks of a job array do.
     *
     * @throws MynnException when one of them is a file, or the nearest existing one does not take new folders
     */
    public static void parents(Path dir) {
        Path parent = dir.toAbsolutePath().getParent();
        if (parent == null || Files.isDirectory(parent)) {
            return;
        }
        Path shown = dir.getParent() == null ? parent : dir.getParent();
        Path existing = parent;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            Path file = dir.isAbsolute() ? existing : Path.of("").toAbsolutePath().relativize(existing);
            throw new MynnException("cannot create folder " + shown + ": " + file + " is a file, not a folder");
        }
        if (existing != null) {
            AtomicFiles.probeWritableFolder(shown, existing);
        }
        try {
            Files.createDirectories(parent);
        } catch (java.nio.file.FileSystemException e) {
            throw new MynnException("cannot create folder " + shown + ": " + (e.getReason() == null ? e.getMessage() : e.getReason()));
        } catch (IOException e) {
            throw new MynnException("cannot create folder " + shown + ": " + e.getMessage());
        }
    }

    /** Creates folder {@code dir} if missing (its parent must exist); @return {@code dir} */
    public static Path folder(Path dir) {
        if (dir.toString().isEmpty()) {
            throw new MynnException("cannot write into '': an empty folder name");
        }
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
        } catch (IOException e) {
            throw new MynnException("cannot create folder " + dir + ": " + e.getMessage());
        }
        return dir;
    }
}
