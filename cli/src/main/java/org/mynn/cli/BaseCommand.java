package org.mynn.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.mynn.core.MynnException;
import org.mynn.core.NeuralNetwork;
import org.mynn.core.io.AtomicFiles;
import org.mynn.data.Dataset;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** What every command shares: its terminal, usage errors, output folders. */
abstract class BaseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    final Terminal terminal;

    BaseCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    PrintWriter out() {
        return terminal.out();
    }

    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** @throws MynnException when {@code file} could not be written, before any long work starts */
    static void checkWritable(Path file) {
        AtomicFiles.probeWritableFolder(file, file.toAbsolutePath().getParent());
    }

    /** Creates folder {@code dir} if missing (its parent must exist). */
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

    /** @return the model's class names, from its training facts or numbered */
    static List<String> classNames(NeuralNetwork net) {
        List<String> names = net.facts().getClasses();
        return names != null && names.size() == net.outputSize() ? names : Dataset.numberedClasses(net.outputSize());
    }
}
