package org.mynn.core;

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

/**
 * The installed plugins of one kind, by name: what {@link ServiceLoader} finds through a class loader (the built-ins
 * and every plugin jar it sees). Names are checked against {@link Plugin#NAME_PATTERN} and must be unique; asking for
 * a name that is not installed fails naming those that are.
 *
 * @param <T> the kind
 */
public final class Registry<T extends Plugin> {

    private final String kind;
    private final Map<String, T> byName;

    private Registry(String kind, Map<String, T> byName) {
        this.kind = kind;
        this.byName = Collections.unmodifiableMap(byName);
    }

    /**
     * Lists the providers of {@code type} that {@code loader} can see, in service-file order.
     *
     * @param kind the kind's name for messages, e.g. "activation"
     * @throws MynnException when a provider cannot be instantiated
     */
    public static <T extends Plugin> List<T> discover(Class<T> type, ClassLoader loader, String kind) {
        List<T> found = new ArrayList<>();
        Iterator<T> it = ServiceLoader.load(type, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    return found;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                throw new MynnException(("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind
                        + " plugin could not be loaded: " + e.getMessage(), e);
            }
        }
    }

    /**
     * @return the providers of {@code type} that {@code loader} can see, as a registry
     * @throws MynnException when one cannot be loaded, has a bad name or repeats a name
     */
    public static <T extends Plugin> Registry<T> load(Class<T> type, ClassLoader loader, String kind) {
        return of(kind, discover(type, loader, kind));
    }

    /**
     * @throws MynnException when a name does not match {@link Plugin#NAME_PATTERN} or two share a name
     */
    public static <T extends Plugin> Registry<T> of(String kind, Collection<? extends T> plugins) {
        Map<String, T> map = new TreeMap<>();
        for (T p : plugins) {
            String name = p.name();
            if (name == null || !name.matches(Plugin.NAME_PATTERN)) {
                throw new MynnException(kind + " " + p.getClass().getName() + " has the name '" + name
                        + "'; names must match " + Plugin.NAME_PATTERN);
            }
            T before = map.putIfAbsent(name, p);
            if (before != null) {
                throw new MynnException("two " + kind + "s are named '" + name + "': " + before.getClass().getName()
                        + " and " + p.getClass().getName() + "; remove one of the plugin jars");
            }
        }
        return new Registry<>(kind, map);
    }

    /** @return the kind's name, e.g. "activation" */
    public String kind() {
        return kind;
    }

    /**
     * @return the plugin called {@code name}
     * @throws MynnException naming what is installed when there is none of that name
     */
    public T get(String name) {
        T p = byName.get(name);
        if (p == null) {
            throw new MynnException("unknown " + kind + " '" + name + "'; available: " + String.join(", ", names())
                    + " (a plugin jar adds more)");
        }
        return p;
    }

    /** @return the plugin called {@code name}, if installed */
    public Optional<T> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** @return the installed names, sorted */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** @return the installed plugins, sorted by name */
    public List<T> all() {
        return List.copyOf(byName.values());
    }
}
