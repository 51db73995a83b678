package org.mynn.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.loss.CrossEntropy;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Provenance;
import org.mynn.core.model.WeightInit;

/** Model files past the book: a loss, biases, and a checkpoint's optimizer state, read and written bit for bit. */
class ModelJsonV2Test {

    static final ModelJson JSON = new ModelJson(ActivationRegistry.load());

    @TempDir
    Path dir;

    static String golden() throws IOException {
        try (InputStream in = ModelJsonV2Test.class.getResourceAsStream("model-v2.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The golden file of version 2: its numbers were checked with numpy (tanh, then softmax, with biases). */
    @Test
    void goldenModelV2_loadsAnswersAndBackqueriesAsNumpyDoes_andWritesBackTheSameBytes() throws IOException {
        NeuralNetwork net = JSON.fromJson(golden(), "model-v2.json");
        assertThat(net.loss().name()).isEqualTo("cross-entropy");
        assertThat(net.activation(1).name()).isEqualTo("softmax");
        assertThat(net.biases(1)).containsExactly(-0.3, 0.15);
        assertThat(net.query(new double[] {0.3, 0.6, 0.9, 0.1})).containsExactly(0.46659746369618665, 0.5334025363038134);
        double[] seen = net.backquery(new double[] {0.9, 0.1});
        assertThat(seen[0]).isCloseTo(0.57937053, org.assertj.core.api.Assertions.within(1e-8));
        assertThat(seen[3]).isCloseTo(0.72459141, org.assertj.core.api.Assertions.within(1e-8));
        Provenance p = net.provenance();
        assertThat(p.init()).isEqualTo(WeightInit.GLOROT);
        assertThat(p.optimizer()).isEqualTo("momentum:0.9");
        assertThat(p.schedule()).isEqualTo("cosine");
        assertThat(p.history().get(1).validation()).isEqualTo(0.875);
        assertThat(p.history().get(1).loss()).isEqualTo(0.4055);
        assertThat(JSON.toJson(net)).isEqualTo(golden());
    }

    @Test
    void bookNetworks_areStillWrittenAsVersion1() {
        NeuralNetwork book = NeuralNetwork.builder(4, 3, 2).seed(1).build();
        assertThat(JSON.toJson(book)).contains("\"version\": 1,").doesNotContain("\"loss\"").doesNotContain("\"biases\"");
    }

    @Test
    void trainedWithBiasesAndSoftmax_savedAndLoaded_isBitForBitTheSame() {
        NeuralNetwork net = NeuralNetwork.builder(6, 5, 3)
                .activations(List.of(ActivationRegistry.load().get("relu"), ActivationRegistry.load().get("softmax")))
                .loss(new CrossEntropy()).biases(true).init(WeightInit.HE).seed(4).build();
        for (int i = 0; i < 20; i++) {
            double[] x = {0.1 * i, 0.2, 0.3, 0.01 * i, 0.5, 0.9};
            double[] t = new double[3];
            t[i % 3] = 1;
            net.train(x, t);
        }
        Path f = dir.resolve("m.json");
        JSON.save(net, f);
        NeuralNetwork back = JSON.load(f);
        for (int k = 0; k < 2; k++) {
            assertThat(back.weights(k).data).isEqualTo(net.weights(k).data);
            assertThat(back.biases(k)).isEqualTo(net.biases(k));
        }
        assertThat(back.loss().name()).isEqualTo("cross-entropy");
        assertThat(back.provenance().init()).isEqualTo(WeightInit.HE);
    }

    @Test
    void checkpointWithOptimizerState_roundTripsBitForBit() {
        NeuralNetwork net = NeuralNetwork.builder(3, 2).biases(true).seed(1).build();
        double[][][] slots = {{{0.1, -1e-300, 3.0e-17, 4, 5, 6}, {7.25, Math.PI}}};
        Provenance.Checkpoint c = new Provenance.Checkpoint(1, 2, 3, null, null, null,
                new Provenance.OptimizerState("momentum", 123456789012L, slots));
        NeuralNetwork ckpt = net.withProvenance(net.provenance().toBuilder().checkpoint(c).build());
        String json = JSON.toJson(ckpt);
        assertThat(json).contains("\"version\": 2,").contains("\"optimizerState\"");
        Provenance.OptimizerState back = JSON.fromJson(json, "c.json").provenance().checkpoint().optimizerState();
        assertThat(back.optimizer()).isEqualTo("momentum");
        assertThat(back.step()).isEqualTo(123456789012L);
        assertThat(back.slots()).isDeepEqualTo(slots);
    }

    @Test
    void brokenNewFields_failNamingTheFieldAndWhatWasExpected() throws IOException {
        String g = golden();
        assertThatThrownBy(() -> JSON.fromJson(g.replace("\"cross-entropy\"", "\"hinge\""), "m.json"))
                .hasMessage("m.json: field 'loss': unknown loss 'hinge'; available: cross-entropy, mse (a plugin jar adds more)");
        assertThatThrownBy(() -> JSON.fromJson(g.replace("\"cross-entropy\"", "7"), "m.json"))
                .hasMessage("m.json: field 'loss' must be a name but is 7");
        assertThatThrownBy(() -> JSON.fromJson(g.replace("[\"tanh\",\"softmax\"]", "[\"tanh\",\"tanh\"]"), "m.json"))
                .hasMessage("m.json: field 'loss': the cross-entropy loss reads the outputs as probabilities, so the output layer"
                        + " must be softmax or sigmoid (outputs in (0, 1)), not tanh");
        assertThatThrownBy(() -> JSON.fromJson(g.replace("[-0.3,0.15]", "[-0.3]"), "m.json"))
                .hasMessage("m.json: field 'biases[1]' must have 2 numbers (layers[2]) but is an array of 1");
        assertThatThrownBy(() -> JSON.fromJson(g.replace("[-0.3,0.15]", "[-0.3,\"x\"]"), "m.json"))
                .hasMessage("m.json: field 'biases[1][1]' must be a finite number but is \"x\"");
        assertThatThrownBy(() -> JSON.fromJson(g.replace("\"biases\": [[0.05,-0.1,0.2],[-0.3,0.15]]", "\"biases\": [[0.05,-0.1,0.2]]"),
                "m.json")).hasMessage("m.json: field 'biases' must be an array of 2 vectors (one per weight matrix) but is an"
                        + " array of 1");
        assertThatThrownBy(() -> JSON.fromJson(g.replace("\n  }\n}", "\n  },\n  \"optimizerState\": {\"optimizer\": \"sgd\","
                + " \"step\": 1, \"slots\": []}\n}"), "m.json"))
                .hasMessage("m.json: field 'optimizerState' belongs to checkpoints, but 'training' has no 'checkpoint'");
        assertThatThrownBy(() -> JSON.fromJson(g.replace("\"history\"", "\"checkpoint\": {\"epochsDone\": 1, \"samplesDone\": 0,"
                + " \"epochs\": 2},\n    \"history\"").replace("\n  }\n}", "\n  },\n  \"optimizerState\": {\"optimizer\":"
                + " \"adam\", \"step\": -1, \"slots\": []}\n}"), "m.json"))
                .hasMessage("m.json: field 'optimizerState.step' must be a whole number, 0 or more");
    }
}
