package org.mynn.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mynn completion bash|zsh}: prints the completion script picocli's {@link AutoComplete} makes from the
 * command model (every command, option and fixed choice, the plugin names installed beside mynn). The distribution
 * carries the same script, generated at build time by {@link ShellFiles}. It lives beside {@link Main}, not among
 * the commands, because it reads the whole model of the top command.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        header = "Print the shell completion script for bash or zsh.",
        description = "Print the script that completes mynn's commands, options and their fixed choices (activation "
            + "names, losses, optimizers, datasets, ...) in bash or zsh. Load it in the shell's start-up file.",
        footer = {"", "Examples:", "  source <(mynn completion bash)        # in ~/.bashrc",
            "  source <(mynn completion zsh)         # in ~/.zshrc",
            "  mynn completion bash > ~/.local/share/bash-completion/completions/mynn"})
final class CompletionCommand implements Callable<Integer> {

    /** The shells the script is for. */
    enum Shell { bash, zsh }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "${COMPLETION-CANDIDATES}")
    Shell shell;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(script(spec.root().commandLine(), shell));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** @return the completion script of the command {@code root} (with all its subcommands) for {@code shell} */
    static String script(CommandLine root, Shell shell) {
        String bash = AutoComplete.bash("mynn", root);
        if (shell == Shell.zsh) {
            // picocli's script runs in zsh through its bash-completion emulation
            return "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + bash;
        }
        return bash;
    }
}
