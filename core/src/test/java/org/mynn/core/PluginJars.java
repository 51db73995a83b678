package org.mynn.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.mynn.core.activation.Activation;

/**
 * Builds, during a test, a plugin jar that mynn's code has never seen: compiles {@code Softsign.java.txt} from the
 * test resources against mynn-core and packages it with its {@code META-INF/services} entry.
 */
public final class PluginJars {

    /** The name of the activation in the jar {@link #softsign(Path)} builds. */
    public static final String SOFTSIGN = "softsign";

    private PluginJars() {
    }

    /** @return the path of a new jar in {@code dir} that provides the activation "softsign" */
    public static Path softsign(Path dir) throws IOException {
        Path src = dir.resolve("src/com/example/softsign/Softsign.java");
        Files.createDirectories(src.getParent());
        try (InputStream in = PluginJars.class.getResourceAsStream("plugin/Softsign.java.txt")) {
            Files.copy(in, src);
        }
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", coreClasses(), "--release", "17",
                src.toString());
        if (rc != 0) {
            throw new IllegalStateException("javac failed with " + rc);
        }
        Path jar = dir.resolve("mynn-softsign-plugin.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                Stream<Path> walk = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/" + Activation.class.getName()));
            out.write("com.example.softsign.Softsign\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    private static String coreClasses() {
        try {
            return Path.of(Activation.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the jars' URLs, for a class loader */
    public static java.net.URL[] urls(List<Path> jars) {
        return jars.stream().map(p -> {
            try {
                return p.toUri().toURL();
            } catch (java.net.MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }).toArray(java.net.URL[]::new);
    }
}
