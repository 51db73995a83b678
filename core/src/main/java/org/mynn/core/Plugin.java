package org.mynn.core;

/**
 * What every kind of plugin shares: a stable, unique, lowercase name, stored in model files (never a class name, so
 * renaming a class breaks nothing), and a line for people. Each kind (activations, losses, optimizers,
 * augmentations) is an interface extending this one, found by {@link java.util.ServiceLoader} ({@link Registry}) and
 * checked by a contract its authors can run.
 */
public interface Plugin {

    /** What a {@link #name()} must look like: lowercase words of letters and digits joined by '-' or '_'. */
    String NAME_PATTERN = "[a-z][a-z0-9]*([-_][a-z0-9]+)*";

    /** @return the stable, unique, lowercase name stored in model files, e.g. {@code sigmoid} */
    String name();

    /** @return one line for people, shown by {@code mynn plugins} */
    default String description() {
        return "";
    }
}
