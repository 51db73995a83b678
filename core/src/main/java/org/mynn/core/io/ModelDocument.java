package org.mynn.core.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import org.mynn.core.Memory;
import org.mynn.core.MynnException;
import org.mynn.core.Registry;
import org.mynn.core.activation.Activation;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.loss.Loss;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Provenance;

/**
 * One model document, read by streaming: the small fields as trees, the weights value by value into their
 * matrices. Checked afterwards, field by field in the order they are written, naming the first that is wrong.
 */
final class ModelDocument {
    private final ActivationRegistry registry;
    private final Registry<Loss> losses;
    private final ProvenanceJson provenance;
    private final String source;
    private JsonNode format;
    private JsonNode version;
    private JsonNode layersNode;
    private JsonNode activationsNode;
    private JsonNode learningRateNode;
    private JsonNode lossNode;
    private JsonNode biasesNode;
    private JsonNode training;
    private OptimizerStateRead state;
    private boolean hasWeights;
    private JsonNode weightsNotArray;
    private final List<MatrixRead> matrices = new ArrayList<>();
    private int[] knownLayers;

    ModelDocument(ActivationRegistry registry, Registry<Loss> losses, ProvenanceJson provenance, String source) {
        this.registry = registry;
        this.losses = losses;
        this.provenance = provenance;
        this.source = source;
    }

    void parse(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw fail("expected a JSON object at the top");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "format" -> format = p.readValueAsTree();
                case "version" -> version = p.readValueAsTree();
                case "layers" -> {
                    layersNode = p.readValueAsTree();
                    knownLayers = layersIfValid(layersNode);
                }
                case "activations" -> activationsNode = p.readValueAsTree();
                case "learningRate" -> learningRateNode = p.readValueAsTree();
                case "loss" -> lossNode = p.readValueAsTree();
                case "biases" -> biasesNode = p.readValueAsTree();
                case "optimizerState" -> state = OptimizerStateRead.read(p);
                case "training" -> training = p.readValueAsTree();
                case "weights" -> {
                    hasWeights = true;
                    if (t == JsonToken.START_ARRAY) {
                        readWeights(p);
                    } else {
                        weightsNotArray = p.readValueAsTree();
                    }
                }
                default -> p.skipChildren();
            }
        }
        JsonLocation close = p.currentTokenLocation();
        JsonToken after;
        try {
            after = p.nextToken();
        } catch (JsonProcessingException e) {
            after = JsonToken.NOT_AVAILABLE;
        }
        if (after != null) {
            throw fail("has more after the model's closing '}' on line " + close.getLineNr() + "; a model file holds"
                    + " one JSON object and nothing else");
        }
    }

    private int[] layersIfValid(JsonNode node) {
        if (!node.isArray() || node.size() < 2) {
            return null;
        }
        int[] l = new int[node.size()];
        for (int k = 0; k < l.length; k++) {
            JsonNode n = node.get(k);
            if (!n.isIntegralNumber() || n.asLong() < 1 || n.asLong() > Integer.MAX_VALUE) {
                return null;
            }
            l[k] = n.asInt();
        }
        return l;
    }

    /** Reads {@code [[[...row...], ...matrix...], ...]}, the parser on its opening bracket. */
    private void readWeights(JsonParser p) throws IOException {
        if (knownLayers != null) {
            long total = NeuralNetwork.weightCount(knownLayers);
            Memory.require(8 * total, String.format(Locale.ROOT, "%s: its %,d weights", source, total));
        }
        int k = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            boolean known = knownLayers != null && k + 1 < knownLayers.length;
            MatrixRead m = new MatrixRead(source, k, known ? knownLayers[k + 1] : -1, known ? knownLayers[k] : -1);
            matrices.add(m);
            if (t != JsonToken.START_ARRAY) {
                m.notArray = p.readValueAsTree();
            } else {
                m.read(p);
            }
            k++;
        }
    }

    NeuralNetwork network() {
        checkFormatAndVersion();
        int[] layers = layers();
        List<Activation> activations = activations(layers.length - 1);
        Loss loss = loss(activations.get(activations.size() - 1));
        double lr = learningRate();
        DMatrixRMaj[] weights = weights(layers);
        double[][] biases = biases(layers);
        Provenance facts = training(layers[layers.length - 1]);
        if (state != null) {
            if (facts.checkpoint() == null) {
                throw fail("field 'optimizerState' belongs to checkpoints, but 'training' has no 'checkpoint'");
            }
            if (state.problem != null) {
                throw fail("field 'optimizerState" + state.problem);
            }
            facts = facts.toBuilder().checkpoint(facts.checkpoint().withOptimizerState(state.value())).build();
        }
        try {
            return NeuralNetwork.wrap(layers, activations, loss, lr, weights, biases, facts);
        } catch (MynnException e) {
            throw fail(e.getMessage());
        }
    }

    private Loss loss(Activation output) {
        if (lossNode == null || lossNode.isNull()) {
            return Loss.MSE;
        }
        if (!lossNode.isTextual()) {
            throw fail("field 'loss' must be a name but is " + abbreviate(lossNode));
        }
        try {
            Loss l = losses.get(lossNode.asText());
            l.checkOutput(output);
            return l;
        } catch (MynnException e) {
            throw fail("field 'loss': " + e.getMessage());
        }
    }

    private double[][] biases(int[] layers) {
        if (biasesNode == null || biasesNode.isNull()) {
            return null;
        }
        int count = layers.length - 1;
        if (!biasesNode.isArray() || biasesNode.size() != count) {
            throw fail("field 'biases' must be an array of " + count + " vectors (one per weight matrix) but is "
                    + abbreviate(biasesNode));
        }
        double[][] out = new double[count][];
        for (int k = 0; k < count; k++) {
            JsonNode v = biasesNode.get(k);
            if (!v.isArray() || v.size() != layers[k + 1]) {
                throw fail("field 'biases[" + k + "]' must have " + layers[k + 1] + " numbers (layers[" + (k + 1)
                        + "]) but is " + abbreviate(v));
            }
            out[k] = new double[layers[k + 1]];
            for (int r = 0; r < out[k].length; r++) {
                JsonNode n = v.get(r);
                if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
                    throw fail("field 'biases[" + k + "][" + r + "]' must be a finite number but is " + n);
                }
                if (Math.abs(n.asDouble()) > NeuralNetwork.MAX_WEIGHT) {
                    throw fail("field 'biases[" + k + "][" + r + "]' is " + n + ", beyond ±1e100");
                }
                out[k][r] = n.asDouble();
            }
        }
        return out;
    }

    private void checkFormatAndVersion() {
        JsonNode f = required(format, "format");
        if (!f.isTextual() || !ModelJson.FORMAT.equals(f.asText())) {
            throw fail("field 'format' is " + f + " but a mynn model has \"" + ModelJson.FORMAT + "\"");
        }
        JsonNode v = required(version, "version");
        if (!v.isIntegralNumber()) {
            throw fail("field 'version' must be a whole number but is " + v);
        }
        long n = v.asLong();
        if (n > ModelJson.VERSION) {
            throw fail("model format version " + n + " is newer than this mynn reads (up to " + ModelJson.VERSION
                    + "); upgrade mynn");
        }
        if (n < 1) {
            throw fail("field 'version' must be 1 or more but is " + n);
        }
    }

    private int[] layers() {
        JsonNode node = required(layersNode, "layers");
        if (!node.isArray() || node.size() < 2) {
            throw fail("field 'layers' must be an array of at least 2 layer sizes but is " + abbreviate(node));
        }
        int[] layers = new int[node.size()];
        for (int k = 0; k < layers.length; k++) {
            JsonNode n = node.get(k);
            if (!n.isIntegralNumber() || n.asLong() < 1 || n.asLong() > Integer.MAX_VALUE) {
                throw fail("field 'layers[" + k + "]' must be a positive whole number but is " + n);
            }
            layers[k] = n.asInt();
        }
        try {
            NeuralNetwork.weightCount(layers);
        } catch (MynnException e) {
            throw fail("field 'layers': " + e.getMessage());
        }
        return layers;
    }

    private List<Activation> activations(int count) {
        JsonNode node = required(activationsNode, "activations");
        if (!node.isArray() || node.size() != count) {
            throw fail("field 'activations' must be an array of " + count
                    + " names (one per weight matrix) but is " + abbreviate(node));
        }
        List<Activation> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            JsonNode n = node.get(k);
            if (!n.isTextual()) {
                throw fail("field 'activations[" + k + "]' must be a name but is " + n);
            }
            try {
                out.add(registry.get(n.asText()));
            } catch (MynnException e) {
                throw fail("field 'activations[" + k + "]': " + e.getMessage());
            }
        }
        return out;
    }

    private double learningRate() {
        JsonNode node = required(learningRateNode, "learningRate");
        if (!node.isNumber() || !(node.asDouble() > 0) || !Double.isFinite(node.asDouble())) {
            throw fail("field 'learningRate' must be a positive finite number but is " + node);
        }
        return node.asDouble();
    }

    private DMatrixRMaj[] weights(int[] layers) {
        if (!hasWeights) {
            throw fail("missing field 'weights'");
        }
        int count = layers.length - 1;
        if (weightsNotArray != null) {
            throw fail("field 'weights' must be an array of " + count + " matrices (one per pair of layers) but is "
                    + abbreviate(weightsNotArray));
        }
        if (matrices.size() != count) {
            throw fail("field 'weights' must be an array of " + count + " matrices (one per pair of layers) but has "
                    + matrices.size());
        }
        DMatrixRMaj[] out = new DMatrixRMaj[count];
        for (int k = 0; k < count; k++) {
            out[k] = matrices.get(k).check(layers[k + 1], layers[k]);
            matrices.set(k, null);
        }
        return out;
    }

    private Provenance training(int outputs) {
        if (training == null || training.isNull()) {
            return Provenance.NONE;
        }
        if (!training.isObject()) {
            throw fail("field 'training' must be an object but is " + abbreviate(training));
        }
        Provenance p;
        try {
            p = provenance.fromJson(training);
        } catch (MynnException e) {
            throw fail(e.getMessage());
        }
        if (p.classes() != null && p.classes().size() != outputs) {
            throw fail("field 'training.classes' names " + p.classes().size() + " classes but the network has " + outputs
                    + " outputs");
        }
        return p;
    }

    private JsonNode required(JsonNode n, String field) {
        if (n == null || n.isNull()) {
            throw fail("missing field '" + field + "'");
        }
        return n;
    }

    MynnException fail(String what) {
        return new MynnException(source + ": " + what);
    }

    /** @return a short form of {@code n} for an error message */
    static String abbreviate(JsonNode n) {
        String s = n.isContainerNode() ? (n.isArray() ? "an array of " + n.size() : "an object") : n.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
