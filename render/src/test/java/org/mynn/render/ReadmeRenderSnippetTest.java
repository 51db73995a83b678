package org.mynn.render;

import org.mynn.core.model.NeuralNetwork;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.ReadmeSnippets;

/** The render snippet of the README compiles and runs as printed, given a network called {@code net}. */
class ReadmeRenderSnippetTest {

    @Test
    void readmeRenderSnippet_compilesAndRuns(@TempDir Path dir) throws Exception {
        String body = "NeuralNetwork net = NeuralNetwork.builder(784, 30, 10).seed(1).build();\n"
                + ReadmeSnippets.block("render-snippet");
        ReadmeSnippets.run(dir, body, List.of("com.google.inject.*", "org.mynn.core.model.NeuralNetwork", "org.mynn.render.*",
                "java.nio.file.Path", "java.util.List"),
                Map.of("Path.of(\"backquery.png\")", "Path.of(\"" + dir.resolve("backquery.png") + "\")",
                        "Path.of(\"weights.png\")", "Path.of(\"" + dir.resolve("weights.png") + "\")"), "null");
        assertThat(ImageIO.read(dir.resolve("backquery.png").toFile()).getWidth()).isEqualTo(8 + 5 * (112 + 8));
        assertThat(ImageIO.read(dir.resolve("weights.png").toFile()).getWidth()).isEqualTo(8 + 10 * (84 + 8));
    }
}
