package org.mynn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.PluginJars;
import org.mynn.data.DatasetSource;

/** An activation plugin jar dropped into a plugins folder is listed, trains, and is needed to reload its models. */
class PluginCliTest {

    @TempDir
    static Path dir;
    static Path plugins;

    @BeforeAll
    static void buildPlugin() throws Exception {
        plugins = Files.createDirectories(dir.resolve("plugins"));
        Path build = Files.createDirectories(dir.resolve("build"));
        Files.copy(PluginJars.softsign(build), plugins.resolve("mynn-softsign-plugin.jar"));
    }

    static final AbstractModule MEMORY = new AbstractModule() {
        @Override
        protected void configure() {
            bind(DatasetSource.class).toInstance(new GuiceWiringTest.InMemory());
        }
    };

    @Test
    void activations_listsThePlugin_andItKeepsTheContract() {
        Cli.Result r = Cli.run("--plugins", plugins.toString(), "activations", "--check");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("softsign +yes +\\(-1, 1\\) +mynn-softsign-plugin.jar")
                .contains("all 7 keep the activation contract");
        assertThat(Cli.run("activations").out()).doesNotContain("softsign");
    }

    @Test
    void modelTrainedWithThePlugin_reloadsWithIt_andNamesItWithout() {
        Path model = dir.resolve("softsign.json");
        Cli.Result t = Cli.run(MEMORY, "--plugins", plugins.toString(), "train", "--activation", "softsign,sigmoid",
                "--hidden", "16", "--epochs", "1", "--seed", "2", "--out", model.toString());
        assertThat(t.exit()).as(t.toString()).isZero();
        Cli.Result with = Cli.run("--plugins", plugins.toString(), "inspect", "--model", model.toString());
        assertThat(with.out()).contains("softsign");
        Cli.Result without = Cli.run("inspect", "--model", model.toString());
        assertThat(without.exit()).isEqualTo(1);
        assertThat(without.err()).isEqualTo("mynn: " + model + ": field 'activations[0]': unknown activation 'softsign'; "
                + "available: leaky-relu, relu, sigmoid, softmax, softplus, tanh (a plugin jar adds more)" + System.lineSeparator());
    }
}
