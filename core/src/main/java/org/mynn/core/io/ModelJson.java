package org.mynn.core.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.mynn.core.model.Provenance.OptimizerState;

/**
 * Reads and writes networks as {@code mynn-model} JSON. Version 1, the book's network:
 *
 * <pre>{@code
 * {"format": "mynn-model", "version": 1,
 *  "layers": [784, 200, 10], "activations": ["sigmoid", "sigmoid"], "learningRate": 0.1,
 *  "weights": [ [[...784 numbers...], ... 200 rows], [[...200 numbers...], ... 10 rows] ],
 *  "training": { "seed": 42, "epochs": 5, ... } }
 * }</pre>
 *
 * <p>Version 2 adds what goes past the book, and is written only when a network has it (so the book's networks are
 * still written as version 1, byte for byte): {@code "loss"} after the activations (e.g. {@code "cross-entropy"};
 * absent means the book's {@code "mse"}), {@code "biases"} after the weights (one array per weight matrix, a value
 * per node of the layer it leads into), and, in checkpoints of an optimizer with state, {@code "optimizerState"} at
 * the end: {@code {"optimizer": "adam", "step": 1200, "slots": [[...one array per tensor...], ...one per slot]}},
 * the tensors being the weight matrices (row-major) then the bias vectors.
 *
 * <p>{@code weights[k]} is row-major: rows are layer {@code k+1}, columns layer {@code k}. Numbers are written
 * in their shortest exact decimal form, so saving then loading gives the very same bits. Loading checks every
 * field and names the first that is wrong.
 */
public final class ModelJson {

    /** The value of the {@code format} field. */
    public static final String FORMAT = "mynn-model";
    /** The newest format version this code reads, and the one it writes. */
    public static final int VERSION = 2;

    private final ActivationRegistry registry;
    private final Registry<Loss> losses;
    private final ObjectMapper mapper;
    private final ProvenanceJson provenance;

    /** Reads the losses mynn's own class loader sees. */
    public ModelJson(ActivationRegistry registry) {
        this(registry, Registry.load(Loss.class, ModelJson.class.getClassLoader(), "loss"));
    }

    @Inject
    public ModelJson(ActivationRegistry registry, Registry<Loss> losses) {
        this.registry = registry;
        this.losses = losses;
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
     * @throws MynnException when a weight is not finite or beyond {@link NeuralNetwork#MAX_WEIGHT}: such a network is
     *                       never written over a good file
     */
    public void save(NeuralNetwork net, Path file) {
        if (!net.isFinite()) {
            throw new MynnException("cannot save " + file + ": the network's weights are not all finite numbers"
                    + " (the training diverged)");
        }
        if (net.maxAbsWeight() > NeuralNetwork.MAX_WEIGHT) {
            throw new MynnException("cannot save " + file + ": a weight is " + net.maxAbsWeight() + ", beyond ±1e100"
                    + " (the training diverged); products of such weights overflow");
        }
        AtomicFiles.write(file, out -> write(net, out));
    }

    /** Writes {@code net} as JSON to {@code out}, which stays open; one weight row at a time. */
    public void write(NeuralNetwork net, OutputStream out) throws IOException {
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(new ModelPrettyPrinter());
            g.writeStartObject();
            Provenance.Checkpoint c = net.provenance().checkpoint();
            OptimizerState state = c == null ? null : c.optimizerState();
            boolean pastTheBook = net.hasBiases() || !net.loss().name().equals("mse") || state != null;
            g.writeStringField("format", FORMAT);
            g.writeNumberField("version", pastTheBook ? VERSION : 1);
            int[] layers = net.layers();
            g.writeFieldName("layers");
            g.writeArray(layers, 0, layers.length);
            g.writeArrayFieldStart("activations");
            for (Activation a : net.activations()) {
                g.writeString(a.name());
            }
            g.writeEndArray();
            if (!net.loss().name().equals("mse")) {
                g.writeStringField("loss", net.loss().name());
            }
            g.writeNumberField("learningRate", net.learningRate());
            g.writeArrayFieldStart("weights");
            for (int k = 0; k < net.depth(); k++) {
                double[] row = new double[layers[k]];
                g.writeStartArray();
                for (int r = 0; r < layers[k + 1]; r++) {
                    net.copyRow(k, r, row);
                    g.writeArray(row, 0, row.length);
                }
                g.writeEndArray();
            }
            g.writeEndArray();
            if (net.hasBiases()) {
                g.writeArrayFieldStart("biases");
                for (int k = 0; k < net.depth(); k++) {
                    double[] b = net.biases(k);
                    g.writeArray(b, 0, b.length);
                }
                g.writeEndArray();
            }
            g.writeFieldName("training");
            mapper.writeValue(g, provenance.toJson(net.provenance()));
            if (state != null) {
                g.writeObjectFieldStart("optimizerState");
                g.writeStringField("optimizer", state.optimizer());
                g.writeNumberField("step", state.step());
                g.writeArrayFieldStart("slots");
                for (double[][] slot : state.slots()) {
                    g.writeStartArray();
                    for (double[] tensor : slot) {
                        g.writeArray(tensor, 0, tensor.length);
                    }
                    g.writeEndArray();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeRaw('\n');
        }
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

    /**
     * @return the facts a {@code "training"} JSON tree holds (as {@link #provenanceTree} writes it)
     * @throws MynnException when the tree is not such an object
     */
    public Provenance provenanceFromTree(JsonNode tree) {
        return provenance.fromJson(tree);
    }

    /** @return {@code tree} as compact JSON text */
    public String text(JsonNode tree) {
        try {
            return mapper.writeValueAsString(tree);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** @return the JSON tree {@code text} holds; @throws MynnException when it is not JSON */
    public JsonNode tree(String text, String what) {
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            throw new MynnException(what + ": not valid JSON: " + e.getMessage().split("\n")[0]);
        }
    }

    /** @return the {@code "training"} object a model file holds for {@code p}, as a JSON tree */
    public JsonNode provenanceTree(Provenance p) {
        return mapper.valueToTree(provenance.toJson(p));
    }

    // ---- reading ------------------------------------------------------------------------------------------

    /**
     * Loads a model file, streaming: the weights go straight into their matrices, so a model loads in about the memory
     * its weights take (8 bytes each), whatever the size of the file. That memory is checked before it is taken.
     *
     * @throws MynnException naming the file and what is wrong with it
     */
    public NeuralNetwork load(Path file) {
        if (Files.isDirectory(file)) {
            throw new MynnException(file + ": is a folder, not a model file");
        }
        if (!Files.exists(file)) {
            throw new MynnException(file + ": no such file");
        }
        String kind = AtomicFiles.kind(AtomicFiles.resolve(file));
        if (kind != null && !Files.isRegularFile(file)) {
            throw new MynnException(file + ": is " + kind + ", not a model file");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new MynnException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new MynnException(file + ": cannot be read (permission denied)");
        } catch (IOException e) {
            throw new MynnException(file + ": cannot be read: " + AtomicFiles.describe(e), e);
        }
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
        try {
            return read(new ByteArrayInputStream(bytes), source);
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory failed", e);
        }
    }

    private NeuralNetwork read(InputStream raw, String source) throws IOException {
        BufferedInputStream in = raw instanceof BufferedInputStream b ? b : new BufferedInputStream(raw);
        in.mark(1 << 12);
        byte[] head = in.readNBytes(1 << 12);
        in.reset();
        if (head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
            throw new MynnException(source + ": starts with a UTF-8 byte-order mark; save the file without one (plain"
                    + " UTF-8, as mynn writes models)");
        }
        int first = firstNonBlank(head);
        if (first < 0 && head.length < (1 << 12)) {
            throw new MynnException(source + ": is empty; expected a mynn model (JSON)");
        }
        if (first >= 0 && head[first] != '{') {
            throw new MynnException(source + ": is not a mynn model: expected a JSON object starting with '{' but "
                    + "the file starts with " + Sniff.describe(head));
        }
        Document doc = new Document(source);
        try (JsonParser p = mapper.getFactory().createParser(in)) {
            doc.parse(p);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new MynnException(source + ": is not valid JSON" + where + ": " + firstLine(e.getOriginalMessage()));
        }
        return doc.network();
    }

    private static int firstNonBlank(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
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

    /**
     * One model document, read by streaming: the small fields as trees, the weights value by value into their
     * matrices. Checked afterwards, field by field in the order they are written, naming the first that is wrong.
     */
    private final class Document {
        private final String source;
        private JsonNode format;
        private JsonNode version;
        private JsonNode layersNode;
        private JsonNode activationsNode;
        private JsonNode learningRateNode;
        private JsonNode lossNode;
        private JsonNode biasesNode;
        private JsonNode training;
        private StateRead state;
        private boolean hasWeights;
        private JsonNode weightsNotArray;
        private final List<MatrixRead> matrices = new ArrayList<>();
        private int[] knownLayers;

        Document(String source) {
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
                    case "optimizerState" -> state = StateRead.read(p);
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
                MatrixRead m = new MatrixRead(k, known ? knownLayers[k + 1] : -1, known ? knownLayers[k] : -1);
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
            if (!f.isTextual() || !FORMAT.equals(f.asText())) {
                throw fail("field 'format' is " + f + " but a mynn model has \"" + FORMAT + "\"");
            }
            JsonNode v = required(version, "version");
            if (!v.isIntegralNumber()) {
                throw fail("field 'version' must be a whole number but is " + v);
            }
            long n = v.asLong();
            if (n > VERSION) {
                throw fail("model format version " + n + " is newer than this mynn reads (up to " + VERSION
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

        /**
         * One weight matrix as read: straight into its array when the layer sizes were known before it (as mynn
         * writes them), else row by row. Remembers what is wrong with it, to be reported in field order.
         */
        private final class MatrixRead {
            final int index;
            final int rows;
            final int cols;
            final double[] data;
            final List<double[]> rowList = new ArrayList<>();
            final List<Integer> lengths = new ArrayList<>();
            final java.util.Map<Integer, JsonNode> rowNotArray = new java.util.HashMap<>();
            JsonNode notArray;
            int badRow = -1;
            String badValue;

            MatrixRead(int index, int rows, int cols) {
                this.index = index;
                this.rows = rows;
                this.cols = cols;
                this.data = rows > 0 ? new double[rows * cols] : null;
            }

            void read(JsonParser p) throws IOException {
                int r = 0;
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t != JsonToken.START_ARRAY) {
                        rowNotArray.put(r, p.readValueAsTree());
                        lengths.add(-1);
                        r++;
                        continue;
                    }
                    boolean direct = data != null && r < rows;
                    double[] row = direct ? null : new double[Math.max(cols, 16)];
                    int c = 0;
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                        double v = 0;
                        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                            v = p.getDoubleValue();
                            if (badRow < 0 && !Double.isFinite(v)) {
                                bad(r, "field '" + at(r, c) + "' must be a finite number but is " + v);
                            } else if (badRow < 0 && Math.abs(v) > NeuralNetwork.MAX_WEIGHT) {
                                bad(r, "field '" + at(r, c) + "' is " + v + ", beyond ±1e100: products of such weights"
                                        + " overflow (no trained network has them)");
                            }
                        } else {
                            JsonNode n = p.readValueAsTree();
                            if (badRow < 0) {
                                bad(r, "field '" + at(r, c) + "' must be a number but is " + abbreviate(n));
                            }
                        }
                        if (direct) {
                            if (c < cols) {
                                data[r * cols + c] = v;
                            }
                        } else {
                            if (c == row.length) {
                                row = Arrays.copyOf(row, row.length * 2);
                            }
                            row[c] = v;
                        }
                        c++;
                    }
                    lengths.add(c);
                    if (!direct) {
                        rowList.add(Arrays.copyOf(row, c));
                    }
                    r++;
                }
            }

            private void bad(int r, String what) {
                badRow = r;
                badValue = what;
            }

            private String at(int r, int c) {
                return "weights[" + index + "][" + r + "][" + c + "]";
            }

            /** @return the matrix, checked against the layer sizes, naming the first problem in field order */
            DMatrixRMaj check(int expRows, int expCols) {
                String name = "weights[" + index + "]";
                if (notArray != null) {
                    throw fail("field '" + name + "' must have " + expRows + " rows (layers[" + (index + 1) + "]) but is "
                            + abbreviate(notArray));
                }
                if (lengths.size() != expRows) {
                    throw fail("field '" + name + "' must have " + expRows + " rows (layers[" + (index + 1) + "]) but has "
                            + lengths.size());
                }
                for (int r = 0; r < expRows; r++) {
                    String rowName = name + "[" + r + "]";
                    if (rowNotArray.containsKey(r)) {
                        throw fail("field '" + rowName + "' must have " + expCols + " numbers (layers[" + index + "]) but is "
                                + abbreviate(rowNotArray.get(r)));
                    }
                    if (lengths.get(r) != expCols) {
                        throw fail("field '" + rowName + "' must have " + expCols + " numbers (layers[" + index + "]) but has "
                                + lengths.get(r));
                    }
                    if (badRow == r) {
                        throw fail(badValue);
                    }
                }
                if (data != null && rows == expRows && cols == expCols) {
                    return DMatrixRMaj.wrap(expRows, expCols, data);
                }
                DMatrixRMaj w = new DMatrixRMaj(expRows, expCols);
                for (int r = 0; r < expRows; r++) {
                    System.arraycopy(rowList.get(r), 0, w.data, r * expCols, expCols);
                    rowList.set(r, null);
                }
                return w;
            }
        }
    }

    /** A checkpoint's optimizer state, read by streaming: it is as large as the weights, or twice as large. */
    private static final class StateRead {
        String optimizer;
        Long step;
        double[][][] slots;
        String problem;

        OptimizerState value() {
            return new OptimizerState(optimizer, step, slots);
        }

        private void bad(String what) {
            if (problem == null) {
                problem = what;
            }
        }

        /** Reads the object, the parser on its opening brace. */
        static StateRead read(JsonParser p) throws IOException {
            StateRead s = new StateRead();
            if (p.currentToken() != JsonToken.START_OBJECT) {
                s.bad("' must be an object");
                p.skipChildren();
                return s;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "optimizer" -> {
                        if (t == JsonToken.VALUE_STRING) {
                            s.optimizer = p.getText();
                        } else {
                            s.bad(".optimizer' must be a name");
                            p.skipChildren();
                        }
                    }
                    case "step" -> {
                        if (t == JsonToken.VALUE_NUMBER_INT && p.getLongValue() >= 0) {
                            s.step = p.getLongValue();
                        } else {
                            s.bad(".step' must be a whole number, 0 or more");
                            p.skipChildren();
                        }
                    }
                    case "slots" -> s.slots = s.readSlots(p);
                    default -> p.skipChildren();
                }
            }
            if (s.optimizer == null || s.step == null || s.slots == null) {
                s.bad("' must have the fields 'optimizer', 'step' and 'slots'");
            }
            return s;
        }

        private double[][][] readSlots(JsonParser p) throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                bad(".slots' must be an array of slots");
                p.skipChildren();
                return null;
            }
            List<double[][]> out = new ArrayList<>();
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t != JsonToken.START_ARRAY) {
                    bad(".slots[" + out.size() + "]' must be an array of tensors");
                    p.skipChildren();
                    continue;
                }
                List<double[]> tensors = new ArrayList<>();
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    String at = ".slots[" + out.size() + "][" + tensors.size() + "]";
                    if (t != JsonToken.START_ARRAY) {
                        bad(at + "' must be an array of numbers");
                        p.skipChildren();
                        tensors.add(new double[0]);
                        continue;
                    }
                    double[] v = new double[64];
                    int n = 0;
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                        double x = Double.NaN;
                        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                            x = p.getDoubleValue();
                        } else {
                            p.skipChildren();
                        }
                        if (!Double.isFinite(x)) {
                            bad(at + "[" + n + "]' must be a finite number");
                        }
                        if (n == v.length) {
                            v = Arrays.copyOf(v, v.length * 2);
                        }
                        v[n++] = x;
                    }
                    tensors.add(Arrays.copyOf(v, n));
                }
                out.add(tensors.toArray(new double[0][]));
            }
            return out.toArray(new double[0][][]);
        }
    }

    private static String abbreviate(JsonNode n) {
        String s = n.isContainerNode() ? (n.isArray() ? "an array of " + n.size() : "an object") : n.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
