package org.mynn.core.model;

import org.mynn.core.Tolerance;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mynn.core.activation.Sigmoid;

/**
 * Replays what the seed's own Python code did (mended as shared/seed/README.md says) on a 6-4-3 network with
 * fixed weights: five training steps, a query before each, and a backquery of every label at the end. The
 * numbers come from {@code seed_reference.py} beside {@code seed-reference.json} in the test resources.
 */
class SeedReferenceTest {

    static JsonNode ref;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = SeedReferenceTest.class.getResourceAsStream("seed-reference.json")) {
            ref = new ObjectMapper().readTree(in);
        }
    }

    static double[] vector(JsonNode n) {
        double[] v = new double[n.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = n.get(i).asDouble();
        }
        return v;
    }

    static DMatrixRMaj matrix(JsonNode n) {
        double[][] rows = new double[n.size()][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = vector(n.get(r));
        }
        return new DMatrixRMaj(rows);
    }

    static NeuralNetwork seedNetwork() {
        int[] layers = {ref.get("layers").get(0).asInt(), ref.get("layers").get(1).asInt(), ref.get("layers").get(2).asInt()};
        return NeuralNetwork.of(layers, List.of(new Sigmoid()), ref.get("learningRate").asDouble(),
                new DMatrixRMaj[] {matrix(ref.get("wih")), matrix(ref.get("who"))}, null);
    }

    static void assertClose(double[] actual, double[] expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(actual[i] - expected[i]);
            assertThat(err).as("%s[%d]: expected %s but found %s", what, i, expected[i], actual[i])
                    .isLessThanOrEqualTo(Tolerance.ROUNDING * Math.max(1, Math.abs(expected[i])));
        }
    }

    @Test
    void trainAndQuery_fiveSteps_matchTheSeedsNumpyCode() {
        NeuralNetwork net = seedNetwork();
        int step = 0;
        for (JsonNode s : ref.get("steps")) {
            double[] inputs = vector(s.get("inputs"));
            double[] targets = new double[3];
            java.util.Arrays.fill(targets, 0.01);
            targets[s.get("label").asInt()] = 0.99;
            assertClose(net.query(inputs), vector(s.get("queryBefore")), "query before step " + step);
            net.train(inputs, targets);
            assertClose(net.weights(0).data, matrix(s.get("wihAfter")).data, "wih after step " + step);
            assertClose(net.weights(1).data, matrix(s.get("whoAfter")).data, "who after step " + step);
            step++;
        }
        assertThat(step).isEqualTo(5);
    }

    @Test
    void backquery_everyLabel_matchesTheSeedsNumpyCode() {
        NeuralNetwork net = seedNetwork();
        for (JsonNode s : ref.get("steps")) {
            double[] targets = new double[3];
            java.util.Arrays.fill(targets, 0.01);
            targets[s.get("label").asInt()] = 0.99;
            net.train(vector(s.get("inputs")), targets);
        }
        for (int label = 0; label < 3; label++) {
            double[] targets = {0.01, 0.01, 0.01};
            targets[label] = 0.99;
            assertClose(net.backquery(targets), vector(ref.get("backquery").get(label)), "backquery of " + label);
        }
    }
}
