package org.mynn.core.inject;

import org.mynn.core.PluginJars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.multibindings.MapBinder;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.activation.Activation;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.activation.DelegatingActivation;
import org.mynn.core.activation.Sigmoid;
import org.mynn.core.activation.Tanh;
import org.mynn.core.io.ModelJson;

class CoreModuleTest {

    @Test
    void injector_providesRegistryOfBuiltInsAndASingletonModelJson() {
        Injector injector = Guice.createInjector(new CoreModule());
        assertThat(injector.getInstance(ActivationRegistry.class).names()).contains("sigmoid", "tanh", "relu");
        assertThat(injector.getInstance(ModelJson.class)).isSameAs(injector.getInstance(ModelJson.class));
    }

    @Test
    void pluginClassLoader_addsItsActivationsToTheMapBinder(@TempDir Path dir) throws Exception {
        Path jar = PluginJars.softsign(dir);
        try (URLClassLoader loader = new URLClassLoader(PluginJars.urls(List.of(jar)), getClass().getClassLoader())) {
            Injector injector = Guice.createInjector(new CoreModule(loader));
            assertThat(injector.getInstance(ActivationRegistry.class).get("softsign").getClass().getName())
                    .isEqualTo("com.example.softsign.Softsign");
        }
    }

    @Test
    void anotherModule_addingAnActivation_extendsTheRegistry() {
        Injector injector = Guice.createInjector(new CoreModule(), new AbstractModule() {
            @Override
            protected void configure() {
                MapBinder.newMapBinder(binder(), String.class, Activation.class).addBinding("tanh2").toInstance(new DelegatingActivation(new Tanh()) {
                    @Override
                    public String name() {
                        return "tanh2";
                    }
                });
            }
        });
        assertThat(injector.getInstance(ActivationRegistry.class).names()).contains("tanh2");
    }

    @Test
    void duplicateActivationName_failsAtInjectorCreation() {
        assertThatThrownBy(() -> Guice.createInjector(new CoreModule(), new AbstractModule() {
            @Override
            protected void configure() {
                MapBinder.newMapBinder(binder(), String.class, Activation.class).addBinding("sigmoid").toInstance(new Sigmoid());
            }
        })).isInstanceOf(CreationException.class).hasMessageContaining("sigmoid");
    }
}
