package org.mynn.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.Fuzz;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.activation.ActivationRegistry;

/** Mutated model files only ever load or are refused with mynn's own error. */
class ModelJsonFuzzTest {

    @Test
    void mutatedModels_loadOrAreRefused_neverAnythingElse(@TempDir Path dir) throws Exception {
        byte[] golden;
        try (InputStream in = getClass().getResourceAsStream("model-v1.json")) {
            golden = in.readAllBytes();
        }
        ModelJson json = new ModelJson(ActivationRegistry.load());
        byte[] small = json.toJson(NeuralNetwork.builder(6, 5, 3).seed(2).build()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Fuzz.Report r = Fuzz.run("model JSON", List.of(golden, small), 3000, 20261126, 5000, dir,
                (bytes, file) -> json.load(file));
        System.out.println(r);
        assertThat(r.failures()).isEmpty();
        assertThat(r.refused()).isGreaterThan(1000);
        assertThat(r.valid()).isGreaterThan(0);
    }
}
