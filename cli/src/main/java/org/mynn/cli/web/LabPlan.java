package org.mynn.cli.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mynn.cli.service.Runs;
import org.mynn.cli.service.TrainingRun;
import org.mynn.core.Labelled;
import org.mynn.core.MynnException;
import org.mynn.core.SettingException;
import org.mynn.core.model.BackpropRule;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Order;
import org.mynn.core.model.Provenance;
import org.mynn.core.model.Precision;
import org.mynn.core.model.TrainingSettings;
import org.mynn.core.model.WeightInit;
import org.mynn.core.run.Catalog;
import org.mynn.core.run.RunSpec;
import org.mynn.core.run.RunSpecBuilder;
import org.mynn.core.train.Trainer;
import org.mynn.core.train.TrainingPosition;
import org.mynn.data.Dataset;
import org.mynn.data.DatasetSource;
import org.mynn.data.Split;

/**
 * What the lab's Start asks for, read from JSON into a {@link RunSpec}: the same settings as {@code mynn train}'s
 * options, checked by the same specification with the same words and the same defaults (the book's); a setting that is
 * wrong is a 400 naming its JSON field. The field names are the specification's.
 *
 * <pre>{@code {"dataset": "mnist", "samples": 60000, "hidden": [200], "activation": "sigmoid", "lr": 0.1, "epochs": 5,
 *  "seed": 1, "precision": "double", "batch": 1, "threads": 2, "rule": null, "order": null, "init": "receiving",
 *  "loss": "mse", "output": null, "bias": false, "optimizer": "sgd", "schedule": "constant", "augment": null,
 *  "validation": 0, "keep": "last"}}</pre>
 */
final class LabPlan {

    /** The datasets the lab can train on, what the server was started with aside. */
    static final List<String> NAMED = List.of("mnist", "fashion-mnist");
    /** The name of the data the server was started with ({@code mynn serve --train}). */
    static final String SERVER = "server";

    private static final Set<String> FIELDS = Set.of("dataset", "samples", "hidden", "activation", "lr", "epochs", "seed",
            "precision", "batch", "threads", "rule", "order", "init", "loss", "output", "bias", "optimizer", "schedule",
            "augment", "validation", "keep");

    /** The fields that do not change what an image costs to train (the number of weights aside). */
    private static final Set<String> COST_FREE = Set.of("dataset", "samples", "hidden", "lr", "epochs", "seed", "schedule",
            "order", "validation", "keep");

    /**
     * A checked plan: build the network and the data with {@link #prepare}.
     *
     * @param cost   the settings that change what an image costs to train, as the request gave them (the presets'
     *               estimates keep a speed for each); null for a checkpoint's run
     * @param augment the augmentations the request asks for, as it gave them (null for none or a checkpoint's run)
     * @param form    the request's fields with the seed it was given or drawn (a checkpoint's run: its settings as
     *                recorded), for the page's form to show the run it watches
     */
    record Plan(String dataset, RunSpec spec, String cost, String augment, ObjectNode form) {

        Plan(String dataset, RunSpec spec) {
            this(dataset, spec, null, null, null);
        }

        /** @return whether the request asks for augmentations, which may add images or cost to make */
        boolean copies() {
            return augment != null;
        }

        /**
         * @return a short description that tells runs apart, e.g. "784-200-10 sigmoid, lr 0.1, 1 epoch on mnist", or
         *         past the book "784-800-10 relu, softmax output, cross-entropy loss, biases, he init, optimizer
         *         momentum, lr schedule cosine, mini-batches of 10, float, lr 0.02, 3 epochs on mnist"
         */
        String describe(int[] layers) {
            String shape = String.join("-", java.util.Arrays.stream(layers).mapToObj(Integer::toString).toList());
            String activation = Http.name(spec.activations().get(0));
            StringBuilder past = new StringBuilder();
            for (String p : spec.pastTheBook()) {
                if (!p.equals(activation) && !p.endsWith(" hidden layers")) {
                    past.append(", ").append(p);
                }
            }
            if (spec.precision() == Precision.FLOAT) {
                past.append(", float");
            }
            return String.format(Locale.ROOT, "%s %s%s, lr %s, %d epoch%s%s on %s", shape, activation, past, spec.lr(),
                    spec.epochs(), spec.epochs() == 1 ? "" : "s", augment == null ? "" : ", " + augment, dataset);
        }

        /** @return the settings the run list shows, for a network of these layers trained on {@code samples} images */
        Map<String, Object> settings(int[] layers, int samples) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dataset", dataset);
            m.put("layers", layers);
            m.put("activation", Http.name(spec.activations().get(0)));
            m.put("lr", spec.lr());
            m.put("epochs", spec.epochs());
            m.put("samples", samples);
            m.put("batch", spec.batch());
            m.put("biases", spec.biases());
            m.put("seed", spec.seed());
            m.put("augment", augment);
            return m;
        }

        double lr() {
            return spec.lr();
        }

        int epochs() {
            return spec.epochs();
        }

        int batch() {
            return spec.batch();
        }
    }

    /**
     * The data and the network of a plan, and how to train it: an untrained network from the start, or a checkpoint's
     * network from where it stopped ({@link #resume}).
     */
    record Prepared(Runs.Prepared run, Dataset test, List<String> classes, TrainingPosition from) {

        Prepared(Runs.Prepared run, Dataset test, List<String> classes) {
            this(run, test, classes, TrainingPosition.START);
        }

        NeuralNetwork start() {
            return run.start();
        }

        Trainer.Sets sets() {
            return run.sets();
        }

        TrainingSettings settings() {
            return run.settings();
        }

        int epochs() {
            return run.spec().epochs();
        }
    }

    private final Catalog catalog;
    private final Runs runs;
    private final DatasetSource datasets;
    private final Dataset serverTrain;
    private final Dataset serverTest;
    private final TrainingRun resumer;

    /**
     * @param catalog     the installed plugins, which the settings name
     * @param serverTrain the data the server was started with ({@code mynn serve --train}); may be null
     * @param serverTest  its test data; null when {@code serverTrain} is
     */
    /** @return the services that prepare and train the lab's runs */
    Runs runs() {
        return runs;
    }

    LabPlan(Catalog catalog, Runs runs, DatasetSource datasets, Dataset serverTrain, Dataset serverTest,
            TrainingRun resumer) {
        this.resumer = resumer;
        this.catalog = catalog;
        this.runs = runs;
        this.datasets = datasets;
        this.serverTrain = serverTrain;
        this.serverTest = serverTest;
    }

    /**
     * @return the plan the request asks for
     * @throws Http.HttpError 400 naming the field that is wrong
     */
    Plan read(JsonNode r) {
        for (Iterator<String> it = r.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw bad("unknown field '" + Http.clip(f) + "'; the fields are " + new java.util.TreeSet<>(FIELDS));
            }
        }
        String dataset = text(r, "dataset", "mnist");
        if (!NAMED.contains(dataset) && !dataset.equals(SERVER)) {
            throw bad("'dataset' must be one of " + datasets() + " but is '" + Http.clip(dataset) + "'");
        }
        if (dataset.equals(SERVER) && serverTrain == null) {
            throw bad("'dataset': this server was started without training data (mynn serve --train FILE gives it some)");
        }
        RunSpecBuilder b = RunSpec.builder(catalog).samples(integer(r, "samples")).hidden(hidden(r))
                .activation(text(r, "activation", null)).lr(number(r, "lr")).epochs(integer(r, "epochs"))
                .seed(r.hasNonNull("seed") ? longValue(r, "seed") : Long.valueOf(new java.util.Random().nextLong() & 0xffff_ffffL))
                .precision(text(r, "precision", null)).batch(integer(r, "batch")).threads(integer(r, "threads"))
                .rule(text(r, "rule", null)).order(text(r, "order", null)).init(text(r, "init", null))
                .loss(text(r, "loss", null)).output(text(r, "output", null)).biases(bool(r, "bias"))
                .optimizer(text(r, "optimizer", null)).schedule(text(r, "schedule", null)).augment(text(r, "augment", null))
                .validation(integer(r, "validation")).keep(text(r, "keep", null));
        try {
            String augment = text(r, "augment", null);
            RunSpec spec = b.build();
            ObjectNode form = r.isObject() ? ((ObjectNode) r).deepCopy() : JsonNodeFactory.instance.objectNode();
            form.put("seed", spec.seed());
            return new Plan(dataset, spec, cost(r), augment == null || augment.isEmpty() ? null : augment, form);
        } catch (SettingException e) {
            throw bad(e);
        }
    }

    /** @return the fields of a request that change what an image costs, in a stable order, e.g. {@code batch=10;loss="mse"} */
    private static String cost(JsonNode r) {
        java.util.TreeMap<String, String> m = new java.util.TreeMap<>();
        r.fields().forEachRemaining(e -> {
            if (e.getKey().equals("augment") && e.getValue().isTextual()) {
                // the augmentations' names: rotate:5 makes as many copies as rotate:10, at the same cost
                m.put("augment", java.util.Arrays.stream(e.getValue().asText().split(","))
                        .map(a -> a.trim().replaceFirst(":.*", "")).toList().toString());
            } else if (!COST_FREE.contains(e.getKey()) && !e.getValue().isNull()) {
                m.put(e.getKey(), e.getValue().toString());
            }
        });
        StringBuilder b = new StringBuilder();
        m.forEach((k, v) -> b.append(k).append('=').append(v).append(';'));
        return b.toString();
    }

    /**
     * Loads the data, checks the run against it and the memory, and builds the network.
     *
     * @throws Http.HttpError 400 naming the field that does not fit the data or the memory
     * @throws MynnException when the data cannot be loaded
     */
    Prepared prepare(Plan p) {
        Dataset train;
        Dataset test;
        if (p.dataset().equals(SERVER)) {
            train = serverTrain;
            test = serverTest;
        } else {
            train = datasets.load(p.dataset(), Split.TRAIN);
            test = datasets.load(p.dataset(), Split.TEST);
        }
        if (test == null) {
            throw new MynnException("the lab needs test images to measure the network on, and " + p.dataset() + " has none");
        }
        int side = (int) Math.round(Math.sqrt(train.inputSize()));
        if (side * side != train.inputSize()) {
            throw new MynnException(train.name() + ": the lab draws square pictures, but its images have " + train.inputSize()
                    + " values");
        }
        try {
            return new Prepared(runs.prepare(p.spec(), train, test), test, train.classNames());
        } catch (SettingException e) {
            throw bad(e);
        }
    }

    /**
     * Continues the run a checkpoint holds, as {@code mynn train --resume} does: its network, its data (loaded again and
     * checked to be the same), its settings and its position.
     *
     * @param name    the checkpoint's name in the models folder, for the page and errors
     * @param threads threads to train with, the one setting a resumed run may change (null for the default)
     * @throws MynnException when the file is not a checkpoint, or its data cannot be found or has changed
     */
    Resumed resume(java.nio.file.Path checkpoint, String name, Integer threads) {
        int t = threads == null ? RunSpec.defaultThreads() : threads;
        if (t < 1 || t > RunSpec.MAX_THREADS) {
            throw bad("'threads' must be from 1 to " + RunSpec.MAX_THREADS + " but is " + t);
        }
        TrainingRun.Job job = resumer.resume(checkpoint, t);
        RunSpec recorded = resumer.recordedSpec(job.start(), t, name);
        RunSpec spec;
        try {
            // the model records the epochs done so far; the run goes on to the epochs its checkpoint was planned for
            spec = recorded.toBuilder().epochs(job.epochs()).build();
        } catch (SettingException e) {
            throw new MynnException(name + ": field 'training.checkpoint.epochs': " + e.problem(), e);
        }
        if (!(job.sets().test() instanceof Dataset test)) {
            throw new MynnException(name + ": the lab needs test images to measure the network on, and this checkpoint"
                    + " names none");
        }
        Provenance.Checkpoint c = job.start().provenance().checkpoint();
        String dataset = c.train().dataset() != null ? c.train().dataset() : c.train().name();
        Runs.Prepared run = new Runs.Prepared(spec, job.start(), job.sets(), job.settings(), List.of());
        return new Resumed(new Plan(dataset, spec, null, null, form(dataset, spec, job.start().layers())),
                new Prepared(run, test, test.classNames(), job.from()));
    }

    /** @return the Start fields of a run that has no request (a checkpoint's), from its specification, for the page */
    static ObjectNode form(String dataset, RunSpec spec, int[] layers) {
        ObjectNode f = JsonNodeFactory.instance.objectNode();
        f.put("dataset", dataset);
        com.fasterxml.jackson.databind.node.ArrayNode hidden = f.putArray("hidden");
        for (int i = 1; i < layers.length - 1; i++) {
            hidden.add(layers[i]);
        }
        f.put("activation", Http.name(spec.activations().get(0)));
        if (spec.output() != null) {
            f.put("output", Http.name(spec.output()));
        }
        f.put("loss", Http.name(spec.loss()));
        f.put("bias", spec.biases());
        f.put("init", spec.init().label());
        f.put("precision", spec.precision().label());
        f.put("lr", spec.lr());
        f.put("epochs", spec.epochs());
        f.put("batch", spec.batch());
        f.put("optimizer", spec.optimizerSpec());
        f.put("schedule", spec.scheduleSpec());
        f.put("rule", spec.rule().label());
        f.put("order", spec.order().label());
        if (spec.seed() != null) {
            f.put("seed", spec.seed());
        }
        if (spec.samples() > 0) {
            f.put("samples", spec.samples());
        }
        f.put("threads", spec.threads());
        if (spec.augmentSpec() != null) {
            f.put("augment", spec.augmentSpec());
        }
        return f;
    }

    /** A checkpoint made ready to continue: its plan (as recorded) and its data and network. */
    record Resumed(Plan plan, Prepared prepared) {
    }

    /** @return the choices the page offers: datasets, every installed plugin, the enums, the defaults and limits */
    Map<String, Object> options() {
        Catalog c = catalog;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("datasets", datasets());
        m.putAll(c.installed());
        m.put("precisions", Labelled.labels(Precision.class));
        m.put("rules", Labelled.labels(BackpropRule.class));
        m.put("orders", Labelled.labels(Order.class));
        m.put("inits", Labelled.labels(WeightInit.class));
        m.put("maxThreads", RunSpec.MAX_THREADS);
        m.put("defaultThreads", RunSpec.defaultThreads());
        m.put("maxNodes", RunSpec.MAX_NODES);
        m.put("maxEpochs", RunSpec.MAX_EPOCHS);
        m.put("defaultEpochs", RunSpec.DEFAULT_EPOCHS);
        return m;
    }

    private List<String> datasets() {
        List<String> d = new ArrayList<>(NAMED);
        if (serverTrain != null) {
            d.add(SERVER);
        }
        return d;
    }

    /**
     * @return {@code lr} once the run specification has checked it, as {@code train} and Start do
     * @throws Http.HttpError 400 naming the field when it is out of range
     */
    double learningRate(double lr) {
        try {
            return RunSpec.builder(catalog).lr(lr).build().lr();
        } catch (SettingException e) {
            throw bad(e);
        }
    }

    private static List<Integer> hidden(JsonNode r) {
        JsonNode h = r.get("hidden");
        if (h == null || h.isNull()) {
            return null;
        }
        if (h.isIntegralNumber()) {
            h = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(h);
        }
        if (!h.isArray()) {
            throw bad("'hidden' must be a list of layer sizes, e.g. [200], but is " + Http.clip(h.toString()));
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < h.size(); i++) {
            JsonNode v = h.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw bad("'hidden[" + i + "]' must be a whole number but is " + Http.clip(v.toString()));
            }
            out.add(v.asInt());
        }
        return out;
    }

    private static String text(JsonNode r, String field, String otherwise) {
        JsonNode v = r.get(field);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.isTextual()) {
            throw bad("'" + field + "' must be a string but is " + Http.clip(v.toString()));
        }
        String s = v.asText().trim();
        if (s.length() > 200) {
            throw bad("'" + field + "' is longer than 200 characters");
        }
        return s;
    }

    private static Double number(JsonNode r, String field) {
        JsonNode v = r.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw bad("'" + field + "' must be a number but is " + Http.clip(v.toString()));
        }
        return v.asDouble();
    }

    private static Integer integer(JsonNode r, String field) {
        JsonNode v = r.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw bad("'" + field + "' must be a whole number but is " + Http.clip(v.toString()));
        }
        return v.asInt();
    }

    private static long longValue(JsonNode r, String field) {
        JsonNode v = r.get(field);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw bad("'" + field + "' must be a whole number but is " + Http.clip(v.toString()));
        }
        return v.asLong();
    }

    private static Boolean bool(JsonNode r, String field) {
        JsonNode v = r.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw bad("'" + field + "' must be true or false but is " + Http.clip(v.toString()));
        }
        return v.asBoolean();
    }

    private static Http.HttpError bad(SettingException e) {
        return bad("'" + e.field() + "': " + e.problem());
    }

    private static Http.HttpError bad(String message) {
        return new Http.HttpError(400, message);
    }
}
