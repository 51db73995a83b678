package org.mynn.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.ReadmeSnippets;
import org.mynn.core.model.BackpropRule;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Order;
import org.mynn.core.run.RunSpec;
import org.mynn.testing.Tags;

/** The README's run past the book, from Java, compiles and runs as printed on MNIST and learns. */
@Tag(Tags.REAL_DATA)
class ReadmeRunSnippetTest {

    @Test
    void readmeRunSnippet_trainsPastTheBook_withTheLiteraturesDefaults(@TempDir Path dir) throws Exception {
        RealData.mnist(Split.TRAIN);
        Object[] out = (Object[]) ReadmeSnippets.run(dir, ReadmeSnippets.block("run-snippet"),
                List.of("com.google.inject.Guice", "org.mynn.core.inject.CoreModule", "org.mynn.data.*",
                        "org.mynn.core.run.RunSpec", "org.mynn.core.run.Catalog", "org.mynn.core.model.NeuralNetwork",
                        "org.mynn.core.train.Trainer", "org.mynn.core.train.TrainingListener"),
                Map.of("Guice.createInjector(new CoreModule(), new DataModule()).getInstance(Datasets.class)",
                        "org.mynn.data.RealData.datasets()"),
                "new Object[] {spec, trained}");
        RunSpec spec = (RunSpec) out[0];
        NeuralNetwork trained = (NeuralNetwork) out[1];
        assertThat(spec.rule()).isEqualTo(BackpropRule.GRADIENT);
        assertThat(spec.order()).isEqualTo(Order.SHUFFLE);
        assertThat(trained.shape()).isEqualTo("784-64-32-10");
        assertThat(trained.provenance().accuracy()).isGreaterThan(0.93);
    }
}
