package org.mynn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.run.Catalog;

/**
 * The completion script and the man pages come from the picocli model: every command and the plugin names are in
 * them, so a command or choice added to the code shows up without a hand edit.
 */
class ShellFilesTest {

    @Test
    void theCompletionScriptNamesEveryCommandAndTheChoicesOfTheOptions(@TempDir Path dir) throws Exception {
        ShellFiles.write(dir, "9.9");
        String script = Files.readString(dir.resolve("bash-completion/completions/mynn"));
        assertThat(script).contains("complete -F _complete_mynn");
        for (String command : MynnCommand.COMMANDS.keySet()) {
            assertThat(script).as("command %s", command).containsPattern("local commands=\"[^\"]*\\b" + command + "\\b");
        }
        List<String> activations = Catalog.builtIn().installed().get("activations");
        assertThat(activations).contains("sigmoid", "relu", "tanh", "softmax");
        // the values offered after --activation: every activation installed
        String offered = script.lines().filter(l -> l.endsWith("# --activation values")).findFirst().orElseThrow();
        for (String a : activations) {
            assertThat(offered).contains("\"" + a + "\"");
        }
        for (String loss : Catalog.builtIn().installed().get("losses")) {
            assertThat(script).contains("\"" + loss + "\"");
        }
        assertThat(script.lines().filter(l -> l.endsWith("# --precision values")).findFirst().orElseThrow())
                .contains("\"double\"", "\"float\"");
        assertThat(script.lines().filter(l -> l.endsWith("# --dataset values")).findFirst().orElseThrow())
                .contains("\"mnist\"", "\"fashion-mnist\"");
    }

    @Test
    void everyCommandHasAManPageInTroffWithItsOptions(@TempDir Path dir) throws Exception {
        ShellFiles.write(dir, "9.9");
        Path man1 = dir.resolve("man/man1");
        String top = Files.readString(man1.resolve("mynn.1"));
        assertThat(top).startsWith(".TH \"MYNN\" \"1\"").contains(".SH SYNOPSIS", ".SH COMMANDS", "mynn 9.9");
        for (String command : MynnCommand.COMMANDS.keySet()) {
            Path page = man1.resolve("mynn-" + command + ".1");
            assertThat(page).exists();
            assertThat(top).contains("\\fB" + ManPages.esc(command) + "\\fR");
        }
        String train = Files.readString(man1.resolve("mynn-train.1"));
        assertThat(train).contains(".SH NAME\nmynn\\-train \\- ", ".SH OPTIONS", "\\fB\\-\\-activation\\fR=\\fINAME\\fR",
                "\\fB\\-\\-lr\\fR=\\fIRATE\\fR");
        // no line may start with a dot that is not a request of ours (text is guarded with \&)
        for (String line : train.split("\n")) {
            if (line.startsWith(".")) {
                assertThat(line).matches("\\.(TH|SH|PP|TP|br|nf|fi|nh|ad) ?.*");
            }
        }
    }

    @Test
    void mynnCompletionPrintsTheScriptForBashAndZsh() {
        Cli.Result bash = Cli.run("completion", "bash");
        assertThat(bash.exit()).as(bash.err()).isZero();
        assertThat(bash.out()).contains("_complete_mynn", "\"sigmoid\"", "train");
        Cli.Result zsh = Cli.run("completion", "zsh");
        assertThat(zsh.exit()).isZero();
        assertThat(zsh.out()).startsWith("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n")
                .contains("_complete_mynn");
        Cli.Result fish = Cli.run("completion", "fish");
        assertThat(fish.exit()).isEqualTo(2);
        assertThat(fish.err()).contains("fish").contains("bash, zsh");
    }
}
