package org.mynn.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java snippet in the README compiles and runs as printed. */
class ReadmeSnippetTest {

    @Test
    void readmeCoreSnippet_compilesAndRuns(@TempDir Path dir) throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("user.dir")).getParent().resolve("README.md"));
        int start = readme.indexOf("```java", readme.indexOf("<!-- core-snippet -->")) + "```java".length();
        int end = readme.indexOf("```", start);
        String snippet = readme.substring(start, end);
        assertThat(snippet).contains("net.train(", "net.query(", "net.backquery(", "json.save(", "json.load(");
        Path model = dir.resolve("model.json");
        String body = snippet.replace("Path.of(\"model.json\")", "Path.of(\"" + model.toString().replace("\\", "\\\\") + "\")");
        String source = "import org.mynn.core.NeuralNetwork;\nimport org.mynn.core.activation.ActivationRegistry;\n"
                + "import org.mynn.core.io.ModelJson;\nimport java.nio.file.Path;\nimport java.util.Arrays;\n"
                + "public class Snippet {\n  public static Object[] run() {\n" + body
                + "\n    return new Object[] {scores, seen, back};\n  }\n}\n";
        Path src = Files.writeString(dir.resolve("Snippet.java"), source);
        String cp = Path.of(NeuralNetwork.class.getProtectionDomain().getCodeSource().getLocation().toURI()) + java.io.File.pathSeparator
                + System.getProperty("java.class.path");
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.toString(), "-cp", cp, src.toString());
        assertThat(rc).as("javac exit code").isZero();
        try (URLClassLoader loader = new URLClassLoader(PluginJars.urls(List.of(dir)), getClass().getClassLoader())) {
            Method run = loader.loadClass("Snippet").getMethod("run");
            Object[] out = (Object[]) run.invoke(null);
            assertThat((double[]) out[0]).hasSize(10);
            assertThat((double[]) out[1]).hasSize(784);
            assertThat(((NeuralNetwork) out[2]).query(new double[784])).hasSize(10);
        }
        assertThat(model).exists();
    }
}
