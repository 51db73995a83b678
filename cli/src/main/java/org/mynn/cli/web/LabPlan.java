package org.mynn.cli.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mynn.cli.service.Recipe;
import org.mynn.core.Memory;
import org.mynn.core.MynnException;
import org.mynn.core.Registry;
import org.mynn.core.activation.Activation;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.augment.Augmentations;
import org.mynn.core.loss.Loss;
import org.mynn.core.model.BackpropRule;
import org.mynn.core.model.NetworkBuilder;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Precision;
import org.mynn.core.model.TrainingSettings;
import org.mynn.core.model.WeightInit;
import org.mynn.core.optimize.Configured;
import org.mynn.core.optimize.Optimizer;
import org.mynn.core.optimize.Schedule;
import org.mynn.core.train.Trainer;
import org.mynn.data.Augment;
import org.mynn.data.Dataset;
import org.mynn.data.DatasetSource;
import org.mynn.data.Split;

/**
 * What the lab's Start asks for, read from JSON and checked field by field before any data is loaded or any weight
 * allocated: the same choices as {@code mynn train}'s options, with the same defaults (the book's).
 *
 * <pre>{@code {"dataset": "mnist", "samples": 60000, "hidden": [200], "activation": "sigmoid", "lr": 0.1, "epochs": 1,
 *  "seed": 1, "precision": "double", "batch": 1, "threads": 2, "rule": "book", "init": "receiving", "loss": "mse",
 *  "output": null, "bias": false, "optimizer": "sgd", "schedule": "constant", "augment": null}}</pre>
 */
final class LabPlan {

    /** The datasets the lab can train on, what the server was started with aside. */
    static final List<String> NAMED = List.of("mnist", "fashion-mnist");
    /** The name of the data the server was started with ({@code mynn serve --train}). */
    static final String SERVER = "server";
    /** The largest hidden layer the lab builds. */
    static final int MAX_NODES = 20_000;
    /** The most weights a lab network may have (about 160 MB in double, with as much again for the optimizer). */
    static final long MAX_WEIGHTS = 20_000_000L;
    static final int MAX_EPOCHS = 1000;
    static final int MAX_LAYERS = 8;

    private static final Set<String> FIELDS = Set.of("dataset", "samples", "hidden", "activation", "lr", "epochs", "seed",
            "precision", "batch", "threads", "rule", "init", "loss", "output", "bias", "optimizer", "schedule", "augment");

    /** Everything the lab needs to look names up and load data. */
    record Tools(DatasetSource datasets, ActivationRegistry activations, Registry<Loss> losses, Registry<Optimizer> optimizers,
            Augment augmenter, Dataset serverTrain, Dataset serverTest) {
    }

    /** A checked plan: build the network and the data with {@link #prepare}. */
    record Plan(String dataset, int samples, int[] hidden, List<Activation> activations, double lr, int epochs, long seed,
            Precision precision, int batch, int threads, BackpropRule rule, Recipe recipe) {

        /** @return a short description, e.g. "784-200-10 sigmoid, lr 0.1, 1 epoch on mnist (60,000 images)" */
        String describe(int inputs, int classes) {
            StringBuilder s = new StringBuilder().append(inputs);
            for (int h : hidden) {
                s.append('-').append(h);
            }
            s.append('-').append(classes);
            return String.format(Locale.ROOT, "%s %s, lr %s, %d epoch%s on %s", s, activations.get(0).name(), lr, epochs,
                    epochs == 1 ? "" : "s", dataset);
        }
    }

    /** The data and the untrained network of a plan, and how to train it. */
    record Prepared(NeuralNetwork start, Trainer.Sets sets, TrainingSettings settings, int epochs, Dataset test,
            List<String> classes) {
    }

    private LabPlan() {
    }

    /**
     * @return the plan the request asks for
     * @throws Api.HttpError 400 naming the field that is wrong
     */
    static Plan read(JsonNode r, Tools tools) {
        for (Iterator<String> it = r.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw bad("unknown field '" + f + "'; the fields are " + new java.util.TreeSet<>(FIELDS));
            }
        }
        String dataset = text(r, "dataset", "mnist");
        if (!NAMED.contains(dataset) && !dataset.equals(SERVER)) {
            throw bad("'dataset' must be one of " + datasets(tools) + " but is '" + dataset + "'");
        }
        if (dataset.equals(SERVER) && tools.serverTrain() == null) {
            throw bad("'dataset': this server was started without training data (mynn serve --train FILE gives it some)");
        }
        int samples = integer(r, "samples", 0, 0, Integer.MAX_VALUE);
        int[] hidden = hidden(r);
        List<Activation> acts = new ArrayList<>();
        String activation = text(r, "activation", "sigmoid");
        for (String name : activation.split(",")) {
            acts.add(lookup("activation", () -> tools.activations().get(name.trim())));
        }
        if (acts.size() != 1 && acts.size() != hidden.length + 1) {
            throw bad("'activation' gives " + acts.size() + " names but the network has " + (hidden.length + 1)
                    + " weight matrices (give 1 or " + (hidden.length + 1) + ")");
        }
        double lr = number(r, "lr", 0.1);
        if (!(lr > 0) || lr > 1000) {
            throw bad("'lr' must be a number above 0 and at most 1000 but is " + lr);
        }
        int epochs = integer(r, "epochs", 1, 1, MAX_EPOCHS);
        long seed = r.hasNonNull("seed") ? longValue(r, "seed") : new java.util.Random().nextLong() & 0xffff_ffffL;
        Precision precision = choice(r, "precision", Precision.DOUBLE, Precision.values());
        int batch = integer(r, "batch", 1, 1, 10_000);
        int threads = integer(r, "threads", Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), 1,
                Math.max(1, Runtime.getRuntime().availableProcessors()));
        BackpropRule rule = choice(r, "rule", BackpropRule.BOOK, BackpropRule.values());
        WeightInit init = choice(r, "init", WeightInit.RECEIVING, WeightInit.values());
        Loss loss = lookup("loss", () -> tools.losses().get(text(r, "loss", "mse")));
        String outputName = text(r, "output", null);
        Activation output = outputName == null || outputName.isEmpty() ? null
                : lookup("output", () -> tools.activations().get(outputName));
        boolean bias = r.has("bias") && !r.get("bias").isNull() ? bool(r, "bias") : false;
        Configured optimizer = lookup("optimizer", () -> Configured.parse(text(r, "optimizer", "sgd"), tools.optimizers()));
        Schedule schedule = lookup("schedule", () -> Schedule.parse(text(r, "schedule", "constant")));
        String augment = text(r, "augment", null);
        Augmentations aug = augment == null || augment.isBlank() ? null
                : lookup("augment", () -> tools.augmenter().parse(augment));
        Recipe recipe = lookup("loss", () -> new Recipe(loss, output, bias, init, optimizer, schedule, aug, 0, false));
        Activation last = output != null ? output : acts.get(acts.size() - 1);
        lookup("loss", () -> {
            loss.checkOutput(last);
            return null;
        });
        // the network's size, before any data is loaded or weight allocated: the named datasets are 28x28 pictures of
        // 10 classes; the server's own data is already loaded
        boolean own = dataset.equals(SERVER);
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = own ? tools.serverTrain().inputSize() : 784;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = own ? tools.serverTrain().classCount() : 10;
        long weights = 0;
        StringBuilder shape = new StringBuilder().append(sizes[0]);
        for (int k = 1; k < sizes.length; k++) {
            weights += (long) sizes[k - 1] * sizes[k];
            shape.append('-').append(sizes[k]);
        }
        if (weights > MAX_WEIGHTS) {
            throw bad(String.format(Locale.ROOT, "a %s network has %,d weights; the lab trains at most %,d (mynn train"
                    + " takes bigger ones)", shape, weights, MAX_WEIGHTS));
        }
        Memory.require(weights * 8 * (3 + optimizer.optimizer().slots()), String.format(Locale.ROOT,
                "training a %s network (%,d weights) in the lab", shape, weights));
        return new Plan(dataset, samples, hidden, acts, lr, epochs, seed, precision, batch, threads, rule, recipe);
    }

    /**
     * Loads the data and builds the network.
     *
     * @throws MynnException when the data cannot be loaded or does not fit
     */
    static Prepared prepare(Plan p, Tools tools) {
        Dataset train;
        Dataset test;
        if (p.dataset().equals(SERVER)) {
            train = tools.serverTrain();
            test = tools.serverTest();
        } else {
            train = tools.datasets().load(p.dataset(), Split.TRAIN);
            test = tools.datasets().load(p.dataset(), Split.TEST);
        }
        if (test == null) {
            throw new MynnException("the lab needs test images to measure the network on, and " + p.dataset() + " has none");
        }
        if (p.samples() > train.size()) {
            throw bad("'samples' is " + p.samples() + " but " + train.name() + " has " + train.size() + " images");
        }
        if (p.samples() > 0 && p.samples() < train.size()) {
            train = train.part(0, p.samples());
        }
        int side = (int) Math.round(Math.sqrt(train.inputSize()));
        if (side * side != train.inputSize()) {
            throw new MynnException(train.name() + ": the lab draws square pictures, but its images have " + train.inputSize()
                    + " values");
        }
        int[] sizes = new int[p.hidden().length + 2];
        sizes[0] = train.inputSize();
        System.arraycopy(p.hidden(), 0, sizes, 1, p.hidden().length);
        sizes[sizes.length - 1] = train.classCount();
        NetworkBuilder b = p.recipe().configure(NeuralNetwork.builder(sizes), p.activations(), sizes.length - 1)
                .learningRate(p.lr()).rule(p.rule()).seed(p.seed());
        NeuralNetwork net = b.build();
        TrainingSettings settings = p.recipe().configure(TrainingSettings.of(net).withPrecision(p.precision())
                .withBatch(p.batch()).withThreads(p.threads()));
        return new Prepared(net, p.recipe().sets(train, test, p.seed(), tools.augmenter()), settings, p.epochs(), test,
                train.classNames());
    }

    /** @return the choices the page offers: datasets, every installed plugin, the enums, the defaults and limits */
    static Map<String, Object> options(Tools tools) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("datasets", datasets(tools));
        m.put("activations", tools.activations().names());
        m.put("losses", tools.losses().names());
        m.put("optimizers", tools.optimizers().names());
        m.put("augmentations", tools.augmenter().installed().names());
        m.put("precisions", labels(Precision.values()));
        m.put("rules", labels(BackpropRule.values()));
        m.put("inits", labels(WeightInit.values()));
        m.put("maxThreads", Math.max(1, Runtime.getRuntime().availableProcessors()));
        m.put("maxNodes", MAX_NODES);
        m.put("maxWeights", MAX_WEIGHTS);
        m.put("maxEpochs", MAX_EPOCHS);
        return m;
    }

    private static List<String> datasets(Tools tools) {
        List<String> d = new ArrayList<>(NAMED);
        if (tools.serverTrain() != null) {
            d.add(SERVER);
        }
        return d;
    }

    private static List<String> labels(Enum<?>[] values) {
        List<String> out = new ArrayList<>();
        for (Enum<?> v : values) {
            out.add(v.toString().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static int[] hidden(JsonNode r) {
        JsonNode h = r.get("hidden");
        if (h == null || h.isNull()) {
            return new int[] {200};
        }
        if (h.isInt()) {
            h = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(h);
        }
        if (!h.isArray() || h.isEmpty() || h.size() > MAX_LAYERS) {
            throw bad("'hidden' must be a list of 1 to " + MAX_LAYERS + " layer sizes, e.g. [200], but is " + h);
        }
        int[] out = new int[h.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = h.get(i);
            if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 1 || v.asLong() > MAX_NODES) {
                throw bad("'hidden[" + i + "]' must be a whole number from 1 to " + String.format(Locale.ROOT, "%,d", MAX_NODES)
                        + " but is " + v);
            }
            out[i] = v.asInt();
        }
        return out;
    }

    private static String text(JsonNode r, String field, String otherwise) {
        JsonNode v = r.get(field);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.isTextual()) {
            throw bad("'" + field + "' must be a string but is " + v);
        }
        String s = v.asText().trim();
        if (s.length() > 200) {
            throw bad("'" + field + "' is longer than 200 characters");
        }
        return s;
    }

    private static double number(JsonNode r, String field, double otherwise) {
        JsonNode v = r.get(field);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw bad("'" + field + "' must be a number but is " + v);
        }
        return v.asDouble();
    }

    private static int integer(JsonNode r, String field, int otherwise, int min, int max) {
        JsonNode v = r.get(field);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            throw bad(String.format(Locale.ROOT, "'%s' must be a whole number from %,d to %,d but is %s", field, min, max, v));
        }
        return v.asInt();
    }

    private static long longValue(JsonNode r, String field) {
        JsonNode v = r.get(field);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw bad("'" + field + "' must be a whole number but is " + v);
        }
        return v.asLong();
    }

    private static boolean bool(JsonNode r, String field) {
        JsonNode v = r.get(field);
        if (!v.isBoolean()) {
            throw bad("'" + field + "' must be true or false but is " + v);
        }
        return v.asBoolean();
    }

    private static <E extends Enum<E>> E choice(JsonNode r, String field, E otherwise, E[] values) {
        String s = text(r, field, null);
        if (s == null) {
            return otherwise;
        }
        for (E v : values) {
            if (v.toString().equalsIgnoreCase(s) || v.name().equalsIgnoreCase(s)) {
                return v;
            }
        }
        throw bad("'" + field + "' must be one of " + labels(values) + " but is '" + s + "'");
    }

    private static <T> T lookup(String field, java.util.function.Supplier<T> f) {
        try {
            return f.get();
        } catch (Api.HttpError e) {
            throw e;
        } catch (MynnException | IllegalArgumentException e) {
            throw bad("'" + field + "': " + e.getMessage());
        }
    }

    private static Api.HttpError bad(String message) {
        return new Api.HttpError(400, message);
    }
}
