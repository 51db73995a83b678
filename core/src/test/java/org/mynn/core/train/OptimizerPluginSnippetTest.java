package org.mynn.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.ReadmeSnippets;
import org.mynn.core.Registry;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Precision;
import org.mynn.core.model.TrainingSettings;
import org.mynn.core.optimize.Configured;
import org.mynn.core.optimize.Optimizer;

/**
 * The optimizer plugin that docs/plugins.md shows compiles, keeps the contract, reads its settings, and trains in both
 * engines, in double and float, through its one-weight step alone.
 */
class OptimizerPluginSnippetTest {

    @Test
    void theGuidesOptimizer_keepsTheContract_andTrainsInEveryEngine(@TempDir Path dir) throws Exception {
        Object[] out = (Object[]) ReadmeSnippets.run(dir, ReadmeSnippets.block("optimizer-plugin"),
                List.of("java.util.List", "org.mynn.core.optimize.*"), Map.of("public record Rmsprop", "record Rmsprop"),
                "new Object[] {OptimizerContract.check(new Rmsprop()), new Rmsprop()}");
        assertThat(out[0]).asList().isEmpty();
        Optimizer installed = (Optimizer) out[1];
        Registry<Optimizer> optimizers = Registry.of("optimizer", List.of(installed));
        Configured rmsprop = Configured.parse("rmsprop:0.95", optimizers);
        assertThat(rmsprop.optimizer()).hasToString("Rmsprop[rho=0.95, eps=1.0E-8]");
        ResumeTest.Samples data = new ResumeTest.Samples(200);
        for (Precision precision : Precision.values()) {
            for (int batch : new int[] {1, 8}) {
                TrainingSettings s = TrainingSettings.of(PastTheBookEngineTest.softmaxNet(true)).withLearningRate(0.002)
                        .withOptimizer(rmsprop).withBatch(batch).withPrecision(precision);
                NeuralNetwork one = new Trainer(s, TrainingListener.NONE).fit(PastTheBookEngineTest.softmaxNet(true), data,
                        null, 3);
                NeuralNetwork two = new Trainer(s.withThreads(2), TrainingListener.NONE)
                        .fit(PastTheBookEngineTest.softmaxNet(true), data, null, 3);
                List<Double> losses = one.provenance().history().stream().map(e -> e.loss()).toList();
                String as = precision + ", batch " + batch + ": " + losses;
                assertThat(losses.get(2)).as(as).isLessThan(losses.get(0));
                assertThat(PastTheBookEngineTest.bits(two)).as(as).isEqualTo(PastTheBookEngineTest.bits(one));
                assertThat(one.provenance().optimizer()).isEqualTo("rmsprop:0.95");
            }
        }
    }
}
