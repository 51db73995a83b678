package org.mynn.core.activation;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.mynn.core.MynnException;
import org.mynn.core.Registry;

/**
 * The installed activations, by name: the {@link Registry} of {@link Activation}s.
 *
 * <p>{@link #load(ClassLoader)} asks {@link java.util.ServiceLoader} for every {@link Activation} the class loader can
 * see, so a plugin jar on the classpath (or in a class loader over a plugins folder) is found without mynn knowing it.
 * Names are checked against {@link Activation#NAME_PATTERN} and must be unique.
 */
public final class ActivationRegistry {

    private final Registry<Activation> registry;

    private ActivationRegistry(Registry<Activation> registry) {
        this.registry = registry;
    }

    /** @return the activations visible to mynn's own class loader (the built-ins and the classpath's plugins) */
    public static ActivationRegistry load() {
        return load(ActivationRegistry.class.getClassLoader());
    }

    /**
     * Finds every {@link Activation} provider visible to {@code loader}.
     *
     * @throws MynnException when a provider cannot be created, has a bad name, or repeats a name
     */
    public static ActivationRegistry load(ClassLoader loader) {
        return of(discover(loader));
    }

    /**
     * Lists the providers {@code loader} can see, in service-file order.
     *
     * @throws MynnException when a provider cannot be instantiated
     */
    public static List<Activation> discover(ClassLoader loader) {
        return Registry.discover(Activation.class, loader, "activation");
    }

    /**
     * Builds a registry from given activations.
     *
     * @throws MynnException when a name does not match {@link Activation#NAME_PATTERN} or two share a name
     */
    public static ActivationRegistry of(Collection<? extends Activation> activations) {
        return new ActivationRegistry(Registry.of("activation", activations));
    }

    /**
     * @return the activation called {@code name}
     * @throws MynnException naming what is available when there is none of that name
     */
    public Activation get(String name) {
        return registry.get(name);
    }

    /** @return the activation called {@code name}, if installed */
    public Optional<Activation> find(String name) {
        return registry.find(name);
    }

    /** @return the installed names, sorted */
    public List<String> names() {
        return registry.names();
    }

    /** @return the installed activations, sorted by name */
    public List<Activation> all() {
        return registry.all();
    }
}
