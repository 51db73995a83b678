package org.mynn.core.activation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.mynn.core.MynnException;

/**
 * The installed activations, by name.
 *
 * <p>{@link #load(ClassLoader)} asks {@link ServiceLoader} for every {@link Activation} the class loader can see,
 * so a plugin jar on the classpath (or in a class loader over a plugins folder) is found without mynn knowing it.
 * Names are checked against {@link Activation#NAME_PATTERN} and must be unique.
 */
public final class ActivationRegistry {

    private final Map<String, Activation> byName;

    private ActivationRegistry(Map<String, Activation> byName) {
        this.byName = Collections.unmodifiableMap(byName);
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
        List<Activation> found = new ArrayList<>();
        Iterator<Activation> it = ServiceLoader.load(Activation.class, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    return found;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                throw new MynnException("an activation plugin could not be loaded: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Builds a registry from given activations.
     *
     * @throws MynnException when a name does not match {@link Activation#NAME_PATTERN} or two share a name
     */
    public static ActivationRegistry of(Collection<? extends Activation> activations) {
        Map<String, Activation> map = new TreeMap<>();
        for (Activation a : activations) {
            String name = a.name();
            if (name == null || !name.matches(Activation.NAME_PATTERN)) {
                throw new MynnException("activation " + a.getClass().getName() + " has the name '" + name
                        + "'; names must match " + Activation.NAME_PATTERN);
            }
            Activation before = map.putIfAbsent(name, a);
            if (before != null) {
                throw new MynnException("two activations are named '" + name + "': " + before.getClass().getName()
                        + " and " + a.getClass().getName() + "; remove one of the plugin jars");
            }
        }
        return new ActivationRegistry(map);
    }

    /**
     * @return the activation called {@code name}
     * @throws MynnException naming what is available when there is none of that name
     */
    public Activation get(String name) {
        Activation a = byName.get(name);
        if (a == null) {
            throw new MynnException("unknown activation '" + name + "'; available: " + String.join(", ", names())
                    + " (a plugin jar adds more)");
        }
        return a;
    }

    /** @return the activation called {@code name}, if installed */
    public Optional<Activation> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** @return the installed names, sorted */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** @return the installed activations, sorted by name */
    public List<Activation> all() {
        return List.copyOf(byName.values());
    }
}
