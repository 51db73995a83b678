package org.mynn.core.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import java.util.Map;
import org.mynn.core.Registry;
import org.mynn.core.activation.Activation;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.augment.Augmentation;
import org.mynn.core.io.ModelJson;
import org.mynn.core.kernel.KernelChoice;
import org.mynn.core.kernel.Kernels;
import org.mynn.core.loss.Loss;
import org.mynn.core.optimize.Optimizer;
import org.mynn.core.run.Catalog;

/**
 * The core's Guice bindings.
 *
 * <ul>
 *   <li>{@code Map<String, Activation>}: a {@link MapBinder} keyed by {@link Activation#name()}, filled with every
 *       provider {@link java.util.ServiceLoader} finds through the given class loader (built-ins and plugin jars).
 *       Other modules may add entries; a name bound twice fails when the injector is created.</li>
 *   <li>{@link ActivationRegistry}: the map above, validated; singleton.</li>
 *   <li>{@code Registry<Loss>}, {@code Registry<Optimizer>}, {@code Registry<Augmentation>}: the other plugin kinds,
 *       found by {@link java.util.ServiceLoader} through the same class loader; singletons.</li>
 *   <li>{@link Catalog}: the four registries together, what a run specification looks names up in; singleton.</li>
 *   <li>{@link ModelJson}: reads and writes model files with that registry; singleton.</li>
 *   <li>{@link Kernels}: the hot loops, {@link Kernels#best()} (the Vector API's when the JVM has it); singleton,
 *       chosen once per injector and passed to whoever trains, so that no class holds kernels in a static field.</li>
 *   <li>{@link KernelChoice}: kernels by the size of a short piece of work (the scalar ones until the vector ones
 *       would pay off), made from the bound {@link Kernels}; singleton.</li>
 * </ul>
 */
public final class CoreModule extends AbstractModule {

    private final ClassLoader pluginLoader;

    /** Finds activations through mynn's own class loader: built-ins plus any plugin jar on the classpath. */
    public CoreModule() {
        this(CoreModule.class.getClassLoader());
    }

    /** @param pluginLoader the class loader to find activation providers with, e.g. one over a plugins folder */
    public CoreModule(ClassLoader pluginLoader) {
        this.pluginLoader = pluginLoader;
    }

    @Override
    protected void configure() {
        MapBinder<String, Activation> activations = MapBinder.newMapBinder(binder(), String.class, Activation.class);
        for (Activation a : ActivationRegistry.discover(pluginLoader)) {
            activations.addBinding(a.name()).toInstance(a);
        }
        bind(ModelJson.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    ActivationRegistry activationRegistry(Map<String, Activation> activations) {
        return ActivationRegistry.of(activations.values());
    }

    @Provides
    @Singleton
    Registry<Loss> losses() {
        return Registry.load(Loss.class, pluginLoader, "loss");
    }

    @Provides
    @Singleton
    Registry<Optimizer> optimizers() {
        return Registry.load(Optimizer.class, pluginLoader, "optimizer");
    }

    @Provides
    @Singleton
    Registry<Augmentation> augmentations() {
        return Registry.load(Augmentation.class, pluginLoader, "augmentation");
    }

    @Provides
    @Singleton
    Kernels kernels() {
        return Kernels.best();
    }

    @Provides
    @Singleton
    KernelChoice kernelChoice(Kernels kernels) {
        return new KernelChoice(kernels);
    }

    @Provides
    @Singleton
    Catalog catalog(ActivationRegistry activations, Registry<Loss> losses, Registry<Optimizer> optimizers,
            Registry<Augmentation> augmentations) {
        return new Catalog(activations, losses, optimizers, augmentations);
    }
}
