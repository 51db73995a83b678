package org.mynn.core;

import org.mynn.core.model.NeuralNetwork;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.tools.ToolProvider;

/** Compiles and runs a Java block of the README, so that what the README shows is what works. */
public final class ReadmeSnippets {

    private ReadmeSnippets() {
    }

    /**
     * @return the code of the ```java block after {@code <!-- marker -->} in the repository's README or one of its
     *         guides in {@code docs/}
     */
    public static String block(String marker) throws java.io.IOException {
        Path root = Path.of(System.getProperty("user.dir")).getParent();
        List<Path> pages = new java.util.ArrayList<>(List.of(root.resolve("README.md")));
        try (java.util.stream.Stream<Path> guides = Files.list(root.resolve("docs"))) {
            guides.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        for (Path page : pages) {
            String text = Files.readString(page);
            int at = text.indexOf("<!-- " + marker + " -->");
            if (at >= 0) {
                int start = text.indexOf("```java", at) + "```java".length();
                return text.substring(start, text.indexOf("```", start));
            }
        }
        throw new IllegalStateException("neither README.md nor a guide in docs/ has a <!-- " + marker + " --> block");
    }

    /**
     * Wraps {@code body} in a method with the given imports, compiles it against the test class path and runs it.
     *
     * @param replacements literal text replaced in the body first (e.g. file names by temporary paths)
     * @param result       a Java expression over the body's variables, returned as the method's result
     * @return what {@code result} evaluated to
     */
    public static Object run(Path dir, String body, List<String> imports, Map<String, String> replacements, String result)
            throws Exception {
        String code = body;
        for (Map.Entry<String, String> r : replacements.entrySet()) {
            if (!code.contains(r.getKey())) {
                throw new IllegalStateException("the README block no longer contains " + r.getKey());
            }
            code = code.replace(r.getKey(), r.getValue());
        }
        StringBuilder src = new StringBuilder();
        for (String i : imports) {
            src.append("import ").append(i).append(";\n");
        }
        src.append("public class Snippet {\n  public static Object run() throws Exception {\n").append(code)
                .append("\n    return ").append(result).append(";\n  }\n}\n");
        Path file = Files.writeString(dir.resolve("Snippet.java"), src);
        String cp = classes(NeuralNetwork.class) + File.pathSeparator + System.getProperty("java.class.path");
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.toString(), "-cp", cp, file.toString());
        if (rc != 0) {
            throw new AssertionError("the README block does not compile (javac exit " + rc + ")");
        }
        try (URLClassLoader loader = new URLClassLoader(PluginJars.urls(List.of(dir)), ReadmeSnippets.class.getClassLoader())) {
            Method run = loader.loadClass("Snippet").getMethod("run");
            return run.invoke(null);
        }
    }

    private static String classes(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
