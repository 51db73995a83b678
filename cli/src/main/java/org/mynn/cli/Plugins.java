package org.mynn.cli;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.mynn.core.MynnException;

/** The class loader over a plugins folder's jars, through which activation plugins are found. */
final class Plugins {

    /** The default plugins folder, used when it exists. */
    static Path defaultFolder() {
        return Path.of(System.getProperty("user.home"), ".mynn", "plugins");
    }

    private Plugins() {
    }

    /**
     * @param folder the folder given with {@code --plugins}, or null for the default (which may be missing)
     * @return a class loader over its jars, or mynn's own when there are none
     * @throws MynnException when a folder given explicitly does not exist
     */
    static ClassLoader loader(Path folder) {
        Path dir = folder != null ? folder : defaultFolder();
        if (!Files.isDirectory(dir)) {
            if (folder != null) {
                throw new MynnException("plugins folder " + folder + " does not exist");
            }
            return Plugins.class.getClassLoader();
        }
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".jar")).sorted()::iterator) {
                jars.add(p.toUri().toURL());
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
}
