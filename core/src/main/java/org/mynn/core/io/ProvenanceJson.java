package org.mynn.core.io;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mynn.core.Labelled;
import org.mynn.core.MynnException;
import org.mynn.core.model.BackpropRule;
import org.mynn.core.model.Order;
import org.mynn.core.model.Precision;
import org.mynn.core.model.Provenance;
import org.mynn.core.model.Provenance.Checkpoint;
import org.mynn.core.model.Provenance.DataFile;
import org.mynn.core.model.Provenance.DataReference;
import org.mynn.core.model.WeightInit;

/**
 * The {@code "training"} object of a model file and the typed {@link Provenance}, each way. The JSON is version 1's,
 * field for field ({@code seed, init, rule, precision, batch, epochs, samplesSeen, accuracy, dataset, classes,
 * created, history, checkpoint}); {@code data}, {@code testData}, {@code validationData} and {@code platform} are
 * optional newer fields, which an older mynn keeps as unknown facts. Unknown facts are kept and written back. A field
 * of the wrong kind is named in mynn's words ({@link FieldErrors}).
 */
final class ProvenanceJson {

    private final ObjectMapper mapper;

    ProvenanceJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The JSON shape, bound by Jackson. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"seed", "init", "rule", "order", "precision", "batch", "optimizer", "schedule", "epochs", "samplesSeen",
        "accuracy", "dataset", "data", "testData", "validationData", "classes", "created", "platform", "history", "checkpoint"})
    static final class Facts {
        public Long seed;
        public String init;
        public String rule;
        public String order;
        public String precision;
        public Integer batch;
        public String optimizer;
        public String schedule;
        public Integer epochs;
        public Long samplesSeen;
        public Double accuracy;
        public String dataset;
        public DataReference data;
        public DataReference testData;
        public DataReference validationData;
        public List<String> classes;
        public String created;
        public Provenance.Platform platform;
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        public List<EpochJson> history = new ArrayList<>();
        public CheckpointJson checkpoint;
        private final Map<String, Object> other = new LinkedHashMap<>();

        @JsonAnyGetter
        public Map<String, Object> other() {
            return other;
        }

        @JsonAnySetter
        public void put(String name, Object value) {
            other.put(name, value);
        }
    }

    /** An epoch, without the fields that are not known. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EpochJson(@JsonProperty(required = true) int epoch, Double accuracy, Double mse, Double seconds, Double validation, Double loss) {
    }

    /**
     * A checkpoint. {@code train} and {@code test} are data references; checkpoints of mynn before 0.2 named them by
     * a string and kept how to load them in {@code data}, which is still read.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CheckpointJson(@JsonProperty(required = true) int epochsDone, @JsonProperty(required = true) int samplesDone,
            @JsonProperty(required = true) int epochs, JsonNode train, Integer trainSize, JsonNode test,
            Map<String, String> data, JsonNode validation) {
    }

    /** @return the JSON shape of {@code p}, for Jackson to write */
    Facts toJson(Provenance p) {
        Facts f = new Facts();
        f.seed = p.seed();
        f.init = label(p.init());
        f.rule = label(p.rule());
        f.order = label(p.order());
        f.precision = label(p.precision());
        f.batch = p.batch();
        f.optimizer = p.optimizer();
        f.schedule = p.schedule();
        f.epochs = p.epochs();
        f.samplesSeen = p.samplesSeen();
        f.accuracy = p.accuracy();
        f.dataset = p.dataset();
        f.data = p.data();
        f.testData = p.test();
        f.validationData = p.validation();
        f.classes = p.classes();
        f.created = p.created();
        f.platform = p.platform();
        for (Provenance.Epoch e : p.history()) {
            f.history.add(new EpochJson(e.epoch(), e.accuracy(), e.mse(), e.seconds(), e.validation(), e.loss()));
        }
        Checkpoint c = p.checkpoint();
        if (c != null) {
            f.checkpoint = new CheckpointJson(c.epochsDone(), c.samplesDone(), c.epochs(), tree(c.train()), null,
                    tree(c.test()), null, tree(c.validation()));
        }
        f.other.putAll(p.other());
        return f;
    }

    private JsonNode tree(DataReference r) {
        return r == null ? null : mapper.valueToTree(r);
    }

    private static String label(Labelled l) {
        return l == null ? null : l.label();
    }

    /**
     * @param node the {@code "training"} object
     * @throws MynnException naming the field that is wrong (the message starts with "field 'training...")
     */
    Provenance fromJson(JsonNode node) {
        Facts f;
        try {
            f = mapper.treeToValue(node, Facts.class);
        } catch (JsonProcessingException e) {
            throw FieldErrors.of(e, node, "training");
        }
        Provenance.Builder b = new Provenance.Builder().seed(f.seed)
                .init(f.init == null ? null : parse(WeightInit.class, f.init, "weight init", "init"))
                .rule(f.rule == null ? null : parse(BackpropRule.class, f.rule, "backprop rule", "rule"))
                .order(f.order == null ? null : parse(Order.class, f.order, "sample order", "order"))
                .precision(f.precision == null ? null : parse(Precision.class, f.precision, "precision", "precision"))
                .batch(f.batch).optimizer(f.optimizer).schedule(f.schedule).epochs(f.epochs).samplesSeen(f.samplesSeen).accuracy(f.accuracy).dataset(f.dataset)
                .data(f.data).test(f.testData).validation(f.validationData).classes(f.classes).created(f.created).platform(f.platform);
        for (EpochJson e : f.history) {
            b.epoch(new Provenance.Epoch(e.epoch(), e.accuracy(), e.mse(), e.seconds(), e.validation(), e.loss()));
        }
        if (f.checkpoint != null) {
            b.checkpoint(checkpoint(f.checkpoint, node.get("checkpoint")));
        }
        f.other.forEach(b::other);
        return b.build();
    }

    private static <E extends Enum<E> & Labelled> E parse(Class<E> type, String label, String what, String field) {
        try {
            return Labelled.parse(type, label, what);
        } catch (MynnException e) {
            throw new MynnException("field 'training." + field + "': " + e.getMessage());
        }
    }

    private Checkpoint checkpoint(CheckpointJson c, JsonNode node) {
        return new Checkpoint(c.epochsDone(), c.samplesDone(), c.epochs(),
                reference(c.train(), c.trainSize(), c.data(), true, node.get("train"), "training.checkpoint.train"),
                reference(c.test(), null, c.data(), false, node.get("test"), "training.checkpoint.test"),
                reference(c.validation(), null, null, false, node.get("validation"), "training.checkpoint.validation"), null);
    }

    /** A data reference, or one made from an older checkpoint's name and {@code data} map. */
    private DataReference reference(JsonNode node, Integer size, Map<String, String> data, boolean train, JsonNode raw,
            String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            try {
                return mapper.treeToValue(node, DataReference.class);
            } catch (JsonProcessingException e) {
                throw FieldErrors.of(e, raw, field);
            }
        }
        Map<String, String> d = data == null ? Map.of() : data;
        String augment = train ? d.get("augment") : null;
        if (d.containsKey("dataset")) {
            return new DataReference(node.asText(), d.get("dataset"), train ? "train" : "test", d.get("dataDir"), size, null,
                    List.of(), augment);
        }
        String file = d.get(train ? "train" : "test");
        String labels = d.get(train ? "trainLabels" : "testLabels");
        List<DataFile> files = new ArrayList<>();
        if (file != null) {
            files.add(new DataFile(file, null));
        }
        if (labels != null) {
            files.add(new DataFile(labels, null));
        }
        Integer classes = d.containsKey("classes") ? Integer.valueOf(d.get("classes")) : null;
        return new DataReference(node.asText(), null, null, null, size, classes, files, augment);
    }
}
