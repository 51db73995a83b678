package org.mynn.core.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.mynn.core.MynnException;
import org.mynn.core.activation.Activation;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Provenance;

/**
 * Reads and writes networks as {@code mynn-model} JSON, version 1:
 *
 * <pre>{@code
 * {"format": "mynn-model", "version": 1,
 *  "layers": [784, 200, 10], "activations": ["sigmoid", "sigmoid"], "learningRate": 0.1,
 *  "weights": [ [[...784 numbers...], ... 200 rows], [[...200 numbers...], ... 10 rows] ],
 *  "training": { "seed": 42, "epochs": 5, ... } }
 * }</pre>
 *
 * <p>{@code weights[k]} is row-major: rows are layer {@code k+1}, columns layer {@code k}. Numbers are written
 * in their shortest exact decimal form, so saving then loading gives the very same bits. Loading checks every
 * field and names the first that is wrong.
 */
public final class ModelJson {

    /** The value of the {@code format} field. */
    public static final String FORMAT = "mynn-model";
    /** The newest format version this code reads, and the one it writes. */
    public static final int VERSION = 1;

    private final ActivationRegistry registry;
    private final ObjectMapper mapper;
    private final ProvenanceJson provenance;

    @Inject
    public ModelJson(ActivationRegistry registry) {
        this.registry = registry;
        this.mapper = JsonMapper.builder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        this.provenance = new ProvenanceJson(mapper);
    }

    // ---- writing ------------------------------------------------------------------------------------------

    /**
     * Saves {@code net} to {@code file} atomically (see {@link AtomicFiles}).
     *
     * @throws MynnException when a weight is not finite: such a network is never written over a good file
     */
    public void save(NeuralNetwork net, Path file) {
        if (!net.isFinite()) {
            throw new MynnException("cannot save " + file + ": the network's weights are not all finite numbers"
                    + " (the training diverged)");
        }
        AtomicFiles.write(file, out -> write(net, out));
    }

    /** Writes {@code net} as JSON to {@code out}, which stays open. */
    public void write(NeuralNetwork net, OutputStream out) throws IOException {
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(new ModelPrettyPrinter());
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeNumberField("version", VERSION);
            int[] layers = net.layers();
            g.writeFieldName("layers");
            g.writeArray(layers, 0, layers.length);
            g.writeArrayFieldStart("activations");
            for (Activation a : net.activations()) {
                g.writeString(a.name());
            }
            g.writeEndArray();
            g.writeNumberField("learningRate", net.learningRate());
            g.writeArrayFieldStart("weights");
            DMatrixRMaj[] all = net.allWeights();
            for (DMatrixRMaj w : all) {
                g.writeStartArray();
                for (int r = 0; r < w.numRows; r++) {
                    g.writeArray(w.data, r * w.numCols, w.numCols);
                }
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeFieldName("training");
            mapper.writeValue(g, provenance.toJson(net.provenance()));
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    /** @return the {@code "training"} object a model file holds for {@code p}, as a JSON tree */
    public JsonNode provenanceTree(Provenance p) {
        return mapper.valueToTree(provenance.toJson(p));
    }

    /** @return {@code net} as a JSON string */
    public String toJson(NeuralNetwork net) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(net, out);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    // ---- reading ------------------------------------------------------------------------------------------

    /**
     * Loads a model file.
     *
     * @throws MynnException naming the file and what is wrong with it
     */
    public NeuralNetwork load(Path file) {
        if (Files.isDirectory(file)) {
            throw new MynnException(file + ": is a folder, not a model file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new MynnException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new MynnException(file + ": cannot be read (permission denied)");
        } catch (IOException e) {
            throw new MynnException(file + ": cannot be read: " + AtomicFiles.describe(e), e);
        }
        return read(bytes, file.toString());
    }

    /** Reads a model from JSON text; {@code source} names it in error messages. */
    public NeuralNetwork fromJson(String json, String source) {
        return read(json.getBytes(StandardCharsets.UTF_8), source);
    }

    /**
     * Reads a model from the bytes of a JSON document.
     *
     * @param source names the document in error messages, e.g. its file name
     * @throws MynnException naming the source and the first problem
     */
    public NeuralNetwork read(byte[] bytes, String source) {
        int first = firstNonBlank(bytes);
        if (first < 0) {
            throw new MynnException(source + ": is empty; expected a mynn model (JSON)");
        }
        if (bytes[first] != '{') {
            throw new MynnException(source + ": is not a mynn model: expected a JSON object starting with '{' but "
                    + "the file starts with " + Sniff.describe(bytes));
        }
        JsonNode root;
        try {
            root = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new MynnException(source + ": is not valid JSON" + where + ": " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new MynnException(source + ": cannot be read: " + e.getMessage(), e);
        }
        return new Reader(source, root).network();
    }

    private static int firstNonBlank(byte[] bytes) {
        int i = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            i = 3;
        }
        for (; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return i;
            }
        }
        return -1;
    }

    /** @return the first line of a parser's message, without its note about where the source began */
    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        int marker = line.indexOf(" (start marker at ");
        return marker < 0 ? line : line.substring(0, marker);
    }

    /** Checks one parsed document field by field. */
    private final class Reader {
        private final String source;
        private final JsonNode root;

        Reader(String source, JsonNode root) {
            this.source = source;
            this.root = root;
        }

        NeuralNetwork network() {
            checkFormatAndVersion();
            int[] layers = layers();
            List<Activation> activations = activations(layers.length - 1);
            double lr = learningRate();
            DMatrixRMaj[] weights = weights(layers);
            Provenance facts = training();
            try {
                return NeuralNetwork.of(layers, activations, lr, weights, facts);
            } catch (MynnException e) {
                throw fail(e.getMessage());
            }
        }

        private void checkFormatAndVersion() {
            JsonNode format = required("format");
            if (!format.isTextual() || !FORMAT.equals(format.asText())) {
                throw fail("field 'format' is " + format + " but a mynn model has \"" + FORMAT + "\"");
            }
            JsonNode version = required("version");
            if (!version.isIntegralNumber()) {
                throw fail("field 'version' must be a whole number but is " + version);
            }
            long v = version.asLong();
            if (v > VERSION) {
                throw fail("model format version " + v + " is newer than this mynn reads (up to " + VERSION
                        + "); upgrade mynn");
            }
            if (v < 1) {
                throw fail("field 'version' must be 1 or more but is " + v);
            }
        }

        private int[] layers() {
            JsonNode node = required("layers");
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
            return layers;
        }

        private List<Activation> activations(int matrices) {
            JsonNode node = required("activations");
            if (!node.isArray() || node.size() != matrices) {
                throw fail("field 'activations' must be an array of " + matrices
                        + " names (one per weight matrix) but is " + abbreviate(node));
            }
            List<Activation> out = new ArrayList<>();
            for (int k = 0; k < matrices; k++) {
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
            JsonNode node = required("learningRate");
            if (!node.isNumber() || !(node.asDouble() > 0) || !Double.isFinite(node.asDouble())) {
                throw fail("field 'learningRate' must be a positive finite number but is " + node);
            }
            return node.asDouble();
        }

        private DMatrixRMaj[] weights(int[] layers) {
            JsonNode node = required("weights");
            int matrices = layers.length - 1;
            if (!node.isArray() || node.size() != matrices) {
                throw fail("field 'weights' must be an array of " + matrices + " matrices (one per pair of layers) but "
                        + (node.isArray() ? "has " + node.size() : "is " + abbreviate(node)));
            }
            DMatrixRMaj[] out = new DMatrixRMaj[matrices];
            for (int k = 0; k < matrices; k++) {
                int rows = layers[k + 1];
                int cols = layers[k];
                JsonNode m = node.get(k);
                String name = "weights[" + k + "]";
                if (!m.isArray() || m.size() != rows) {
                    throw fail("field '" + name + "' must have " + rows + " rows (layers[" + (k + 1) + "]) but "
                            + (m.isArray() ? "has " + m.size() : "is " + abbreviate(m)));
                }
                DMatrixRMaj w = new DMatrixRMaj(rows, cols);
                for (int r = 0; r < rows; r++) {
                    JsonNode row = m.get(r);
                    String rowName = name + "[" + r + "]";
                    if (!row.isArray() || row.size() != cols) {
                        throw fail("field '" + rowName + "' must have " + cols + " numbers (layers[" + k + "]) but "
                                + (row.isArray() ? "has " + row.size() : "is " + abbreviate(row)));
                    }
                    for (int c = 0; c < cols; c++) {
                        JsonNode v = row.get(c);
                        if (!v.isNumber()) {
                            throw fail("field '" + rowName + "[" + c + "]' must be a number but is " + abbreviate(v));
                        }
                        double d = v.asDouble();
                        if (!Double.isFinite(d)) {
                            throw fail("field '" + rowName + "[" + c + "]' must be a finite number but is " + d);
                        }
                        w.data[r * cols + c] = d;
                    }
                }
                out[k] = w;
            }
            return out;
        }

        private Provenance training() {
            JsonNode node = root.get("training");
            if (node == null || node.isNull()) {
                return Provenance.NONE;
            }
            if (!node.isObject()) {
                throw fail("field 'training' must be an object but is " + abbreviate(node));
            }
            try {
                return provenance.fromJson(node);
            } catch (MynnException e) {
                throw fail(e.getMessage());
            }
        }

        private JsonNode required(String field) {
            if (!root.isObject()) {
                throw fail("expected a JSON object at the top");
            }
            JsonNode n = root.get(field);
            if (n == null || n.isNull()) {
                throw fail("missing field '" + field + "'");
            }
            return n;
        }

        private MynnException fail(String what) {
            return new MynnException(source + ": " + what);
        }
    }

    private static String abbreviate(JsonNode n) {
        String s = n.isContainerNode() ? (n.isArray() ? "an array of " + n.size() : "an object") : n.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
