package org.mynn.core.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
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
                .disable(com.fasterxml.jackson.databind.DeserializationFeature.ACCEPT_FLOAT_AS_INT)
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
        ModelDocument doc = new ModelDocument(registry, losses, provenance, source);
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
}
