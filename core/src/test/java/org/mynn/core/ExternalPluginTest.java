package org.mynn.core;

import org.mynn.core.model.NeuralNetwork;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.activation.Activation;
import org.mynn.core.activation.ActivationContract;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.io.ModelJson;

/** A provider in a jar that mynn's main code does not know is found once the jar is on the class path. */
class ExternalPluginTest {

    @TempDir
    static Path dir;
    static Path jar;

    @BeforeAll
    static void buildPlugin() throws Exception {
        jar = PluginJars.softsign(dir);
    }

    @Test
    void pluginJar_onClassLoader_isFoundByServiceLoaderAndKeepsTheContract() throws Exception {
        assertThat(ActivationRegistry.load().find(PluginJars.SOFTSIGN)).isEmpty();
        try (URLClassLoader loader = new URLClassLoader(PluginJars.urls(List.of(jar)), getClass().getClassLoader())) {
            ActivationRegistry reg = ActivationRegistry.load(loader);
            assertThat(reg.names()).contains("softsign", "sigmoid");
            Activation softsign = reg.get("softsign");
            assertThat(softsign.getClass().getName()).isEqualTo("com.example.softsign.Softsign");
            assertThat(ActivationContract.check(softsign)).isEmpty();
        }
    }

    @Test
    void modelSavedWithPlugin_reloadsWithTheJar_andNamesTheMissingActivationWithout() throws Exception {
        Path model = dir.resolve("softsign-model.json");
        double[] x = {0.2, 0.4, 0.6, 0.8};
        double[] expected;
        try (URLClassLoader loader = new URLClassLoader(PluginJars.urls(List.of(jar)), getClass().getClassLoader())) {
            ActivationRegistry reg = ActivationRegistry.load(loader);
            NeuralNetwork net = NeuralNetwork.builder(4, 3, 2).activation(reg.get("softsign")).seed(8).build();
            net.train(x, new double[] {0.9, -0.9});
            expected = net.query(x);
            new ModelJson(reg).save(net, model);
            NeuralNetwork back = new ModelJson(reg).load(model);
            assertThat(back.query(x)).containsExactly(expected);
            assertThat(back.backquery(new double[] {0.5, -0.5})).hasSize(4);
        }
        assertThatThrownBy(() -> new ModelJson(ActivationRegistry.load()).load(model))
                .isInstanceOf(MynnException.class)
                .hasMessage(model + ": field 'activations[0]': unknown activation 'softsign'; available: "
                        + "leaky-relu, relu, sigmoid, softmax, softplus, tanh (a plugin jar adds more)");
    }
}
