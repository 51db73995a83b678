package org.mynn.cli;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.mynn.core.MynnException;

/** The class loader over a plugins folder's jars, through which activation plugins are found. */
final class Plugins {

    /** The service files a jar lists its plugins in, one per kind. */
    static final List<String> SERVICES = List.of("META-INF/services/org.mynn.core.activation.Activation",
            "META-INF/services/org.mynn.core.loss.Loss", "META-INF/services/org.mynn.core.optimize.Optimizer",
            "META-INF/services/org.mynn.core.augment.Augmentation");

    /** The default plugins folder, used when it exists. */
    static Path defaultFolder() {
        return Path.of(System.getProperty("user.home"), ".mynn", "plugins");
    }

    private Plugins() {
    }

    /**
     * @param folder the folder given with {@code --plugins}, or null for the default (which may be missing)
     * @param notes  told, one line each, of jars in the folder that provide no plugin (and are ignored)
     * @return a class loader over its jars, or mynn's own when there are none
     * @throws MynnException when a folder given explicitly does not exist or is a file
     */
    static ClassLoader loader(Path folder, Consumer<String> notes) {
        Path dir = folder != null ? folder : defaultFolder();
        if (!Files.isDirectory(dir)) {
            if (folder != null) {
                throw new MynnException("plugins folder " + folder + (Files.exists(folder)
                        ? " is a file, not a folder; give the folder that holds the plugin jars" : " does not exist"));
            }
            return Plugins.class.getClassLoader();
        }
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".jar")).sorted()::iterator) {
                if (providesPlugins(p)) {
                    jars.add(p.toUri().toURL());
                } else {
                    notes.accept("note: " + p + " provides no mynn plugin (it has none of the service files "
                            + "META-INF/services/org.mynn.core.{activation.Activation, loss.Loss, optimize.Optimizer,"
                            + " augment.Augmentation}); it is ignored");
                }
            }
        } catch (MalformedURLException e) {
            throw new MynnException("plugins folder " + dir + ": " + e.getMessage());
        } catch (IOException e) {
            throw new MynnException("plugins folder " + dir + " cannot be read: " + e.getMessage());
        }
        if (jars.isEmpty()) {
            return Plugins.class.getClassLoader();
        }
        return new URLClassLoader("mynn-plugins", jars.toArray(URL[]::new), Plugins.class.getClassLoader());
    }

    /** @return true when {@code jar} lists plugins in its service file; a damaged jar is passed on, for the loader to name */
    private static boolean providesPlugins(Path jar) {
        try (JarFile j = new JarFile(jar.toFile())) {
            for (String s : SERVICES) {
                if (j.getEntry(s) != null) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
