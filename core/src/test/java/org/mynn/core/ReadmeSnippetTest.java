package org.mynn.core;

import org.mynn.core.model.NeuralNetwork;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The core's Java snippet in the README compiles and runs as printed. */
class ReadmeSnippetTest {

    @Test
    void readmeCoreSnippet_compilesAndRuns(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model.json");
        Object[] out = (Object[]) ReadmeSnippets.run(dir, ReadmeSnippets.block("core-snippet"),
                List.of("org.mynn.core.model.NeuralNetwork", "org.mynn.core.activation.ActivationRegistry",
                        "org.mynn.core.io.ModelJson", "java.nio.file.Path", "java.util.Arrays"),
                Map.of("Path.of(\"model.json\")", "Path.of(\"" + model + "\")"),
                "new Object[] {scores, seen, back}");
        assertThat((double[]) out[0]).hasSize(10);
        assertThat((double[]) out[1]).hasSize(784);
        assertThat(((NeuralNetwork) out[2]).query(new double[784])).hasSize(10);
        assertThat(model).exists();
    }
}
