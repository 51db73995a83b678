package org.mynn.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/**
 * Writes the files the distribution installs under {@code share/}, from the picocli model at build time (the cli
 * module's {@code package} phase runs it): {@code bash-completion/completions/mynn} (what {@code mynn completion
 * bash} prints) and {@code man/man1/mynn.1}, {@code mynn-COMMAND.1}. Nothing in them is written by hand.
 */
public final class ShellFiles {

    private ShellFiles() {
    }

    /** @param args the folder to write into ({@code share}), and mynn's version */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ShellFiles OUT_DIR VERSION");
        }
        write(Path.of(args[0]), args[1]);
    }

    /** Writes the completion script and the man pages into {@code share}. */
    static void write(Path share, String version) throws IOException {
        CommandLine root = Main.commandLine(null);
        Path completion = share.resolve("bash-completion/completions/mynn");
        Files.createDirectories(completion.getParent());
        Files.writeString(completion, CompletionCommand.script(root, CompletionCommand.Shell.bash), StandardCharsets.UTF_8);
        Path man1 = share.resolve("man/man1");
        Files.createDirectories(man1);
        for (Map.Entry<String, String> page : ManPages.pages(root, version).entrySet()) {
            Files.writeString(man1.resolve(page.getKey()), page.getValue(), StandardCharsets.UTF_8);
        }
    }
}
