package org.mynn.core.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.mynn.core.Labelled;
import org.mynn.core.Memory;
import org.mynn.core.MynnException;
import org.mynn.core.SettingException;
import org.mynn.core.activation.Activation;
import org.mynn.core.augment.Augmentations;
import org.mynn.core.loss.Loss;
import org.mynn.core.model.BackpropRule;
import org.mynn.core.model.NetworkBuilder;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Order;
import org.mynn.core.model.Precision;
import org.mynn.core.model.Provenance;
import org.mynn.core.model.TrainingSettings;
import org.mynn.core.model.WeightInit;
import org.mynn.core.optimize.Configured;
import org.mynn.core.optimize.Schedule;

/**
 * Every setting of a training run, checked once: the network (layers, activations, output, loss, biases, initial
 * weights, seed), the arithmetic (learning rate, rule, order, optimizer, schedule, batch, precision, threads, epochs) and
 * the data it adds (augmentations, images held out for validation, keeping the best epoch, using only the first
 * samples). Immutable; made with {@link #builder}. The command line, the training lab, sweeps and {@code reproduce} all
 * make their runs from one, so they accept and refuse the same values with the same words and have the same defaults.
 *
 * <p>A failure names the setting by its field name ({@link SettingException#field()}: "lr", "hidden", ...): the
 * command line maps it to its option, the lab to its JSON field.
 *
 * <p><b>The book's recipe, or the literature's.</b> A run is the book's ({@link #book()}) when its functions and update
 * are the book's: one hidden layer, sigmoid everywhere, mean squared error, no biases, the seed's initial weights,
 * plain SGD at a constant rate, one sample at a time; its size, learning rate, epochs, precision and data may vary, as
 * the book's own experiments vary them. Such a run keeps the book's rule and the file's order, and is bit for bit the
 * seed's. As soon as a setting leaves the book, the defaults are the literature's: the true gradient
 * ({@link BackpropRule#GRADIENT}) and a fresh order every epoch ({@link Order#SHUFFLE}). Either can be asked for
 * explicitly, either way.
 */
public final class RunSpec {

    public static final int DEFAULT_EPOCHS = 5;
    public static final double DEFAULT_LR = 0.1;
    public static final int DEFAULT_HIDDEN = 200;
    public static final int MAX_EPOCHS = 10_000;
    public static final double MAX_LR = 1000;
    public static final int MAX_HIDDEN_LAYERS = 16;
    public static final int MAX_NODES = 1_000_000;
    public static final int MAX_THREADS = TrainingSettings.MAX_THREADS;

    private final int[] hidden;
    private final int[] layers;
    private final List<Activation> activations;
    private final Activation output;
    private final Loss loss;
    private final boolean biases;
    private final WeightInit init;
    private final double lr;
    private final int epochs;
    private final Long seed;
    private final BackpropRule ruleGiven;
    private final Order orderGiven;
    private final Configured optimizer;
    private final Schedule schedule;
    private final int batch;
    private final Precision precision;
    private final int threads;
    private final Augmentations augment;
    private final int validation;
    private final boolean keepBest;
    private final int samples;
    private final Builder source;

    private RunSpec(Builder b, Catalog c) {
        this.source = b.copy();
        if (b.hidden != null && b.layers != null) {
            throw new SettingException("hidden", "give the hidden layers or all the layers, not both");
        }
        this.layers = b.layers == null ? null : sizes("layers", b.layers, 2);
        this.hidden = b.layers != null ? null : b.hidden == null ? new int[] {DEFAULT_HIDDEN} : sizes("hidden", b.hidden, 1);
        int matrices = layers != null ? layers.length - 1 : hidden.length + 1;
        List<Activation> acts = new ArrayList<>();
        for (String name : b.activation == null ? List.of("sigmoid") : b.activation) {
            acts.add(lookup("activation", () -> c.activations().get(name.trim())));
        }
        if (acts.isEmpty() || (acts.size() != 1 && acts.size() != matrices)) {
            throw new SettingException("activation", String.format(Locale.ROOT, "gives %d names but the network has %d"
                    + " weight matrices (give 1 or %d)", acts.size(), matrices, matrices));
        }
        this.activations = List.copyOf(acts);
        this.output = b.output == null || b.output.isBlank() ? null : lookup("output", () -> c.activations().get(b.output.trim()));
        this.loss = lookup("loss", () -> c.losses().get(b.loss == null ? "mse" : b.loss.trim()));
        Activation last = output != null ? output : activations.get(activations.size() - 1);
        lookup("loss", () -> {
            try {
                loss.checkOutput(last);
            } catch (MynnException e) {
                throw new MynnException(e.getMessage() + (output == null ? "; give the output layer softmax" : ""));
            }
            return null;
        });
        this.biases = b.biases != null && b.biases;
        this.init = b.init == null ? WeightInit.RECEIVING : label(WeightInit.class, "init", b.init, "weight init");
        this.lr = b.lr == null ? DEFAULT_LR : b.lr;
        if (!(lr > 0) || !(lr <= MAX_LR)) {
            throw new SettingException("lr", "must be above 0 and at most " + (int) MAX_LR + " but is " + lr);
        }
        this.epochs = b.epochs == null ? DEFAULT_EPOCHS : b.epochs;
        if (epochs < 1 || epochs > MAX_EPOCHS) {
            throw new SettingException("epochs", String.format(Locale.ROOT, "must be from 1 to %,d but is %d", MAX_EPOCHS, epochs));
        }
        this.seed = b.seed;
        this.ruleGiven = b.rule == null ? null : label(BackpropRule.class, "rule", b.rule, "backpropagation rule");
        this.orderGiven = b.order == null ? null : label(Order.class, "order", b.order, "sample order");
        this.optimizer = lookup("optimizer", () -> Configured.parse(b.optimizer == null ? "sgd" : b.optimizer, c.optimizers()));
        this.schedule = lookup("schedule", () -> Schedule.parse(b.schedule == null ? "constant" : b.schedule));
        this.batch = b.batch == null ? 1 : b.batch;
        if (batch < 1) {
            throw new SettingException("batch", "must be at least 1 but is " + batch);
        }
        this.precision = b.precision == null ? Precision.DOUBLE : label(Precision.class, "precision", b.precision, "precision");
        this.threads = b.threads == null ? defaultThreads() : b.threads;
        if (threads < 1 || threads > MAX_THREADS) {
            throw new SettingException("threads", "must be from 1 to " + MAX_THREADS + " but is " + threads);
        }
        this.augment = b.augment == null || b.augment.isBlank() ? null
                : lookup("augment", () -> Augmentations.parse(b.augment, c.augmentations()));
        this.validation = b.validation == null ? 0 : b.validation;
        if (validation < 0) {
            throw new SettingException("validation", "must be at least 0 (0 holds none out) but is " + validation);
        }
        this.keepBest = b.keep != null && switch (b.keep.trim().toLowerCase(Locale.ROOT)) {
            case "best" -> true;
            case "last" -> false;
            default -> throw new SettingException("keep", "must be best or last but is '" + b.keep + "'");
        };
        if (keepBest && validation < 1) {
            throw new SettingException("keep", "best needs images held out to choose the best epoch by (validation)");
        }
        this.samples = b.samples == null ? 0 : b.samples;
        if (samples < 0) {
            throw new SettingException("samples", "must be at least 0 (0 for all) but is " + samples);
        }
    }

    /** @return the default number of threads: the cores, at most 4 (more do not help the book's 200 hidden units) */
    public static int defaultThreads() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /** @return a builder over the plugins {@code catalog} has */
    public static Builder builder(Catalog catalog) {
        return new Builder(catalog);
    }

    /**
     * The run that made {@code net}, as its file records it: shape, functions, seed, initial weights, learning rate,
     * rule and order (the book's when not recorded), optimizer, schedule, precision, batch, epochs. The data comes from
     * the record's data reference, not from here.
     *
     * @param threads the one setting not recorded: it does not change the result
     * @throws SettingException naming the recorded setting mynn does not know
     */
    public static RunSpec recorded(NeuralNetwork net, Catalog catalog, int threads) {
        Provenance p = net.provenance();
        Builder b = builder(catalog).layers(net.layers()).activation(net.activations().stream().map(Activation::name).toList())
                .loss(net.loss().name()).biases(net.hasBiases()).lr(net.learningRate()).seed(p.seed())
                .rule(p.ruleOrBook().label()).order(p.orderOrFile().label()).threads(threads)
                .epochs(p.epochs() == null || p.epochs() < 1 ? 1 : Math.min(p.epochs(), MAX_EPOCHS));
        if (p.init() != null) {
            b.init(p.init().label());
        }
        if (p.precision() != null) {
            b.precision(p.precision().label());
        }
        if (p.batch() != null) {
            b.batch(p.batch());
        }
        if (p.optimizer() != null) {
            b.optimizer(p.optimizer());
        }
        if (p.schedule() != null) {
            b.schedule(p.schedule());
        }
        return b.build();
    }

    /** @return true when the run's functions and update are the book's (see the class comment) */
    public boolean book() {
        return pastTheBook().isEmpty();
    }

    /**
     * @return what takes the run past the book, for people, e.g. ["2 hidden layers", "relu", "cross-entropy loss"]; empty
     *         for the book's
     */
    public List<String> pastTheBook() {
        List<String> out = new ArrayList<>();
        int matrices = matrices();
        if (matrices != 2) {
            out.add((matrices - 1) + " hidden layer" + (matrices == 2 ? "" : "s"));
        }
        for (Activation a : activations) {
            if (!a.name().equals("sigmoid") && !out.contains(a.name())) {
                out.add(a.name());
            }
        }
        if (output != null && !output.name().equals("sigmoid")) {
            out.add(output.name() + " output");
        }
        if (!loss.name().equals("mse")) {
            out.add(loss.name() + " loss");
        }
        if (biases) {
            out.add("biases");
        }
        if (init != WeightInit.RECEIVING) {
            out.add(init.label() + " init");
        }
        if (!optimizer.plain()) {
            out.add("optimizer " + optimizer.spec());
        }
        if (!schedule.constant()) {
            out.add("lr schedule " + schedule.spec());
        }
        if (batch > 1) {
            out.add("mini-batches of " + batch);
        }
        return out;
    }

    /**
     * @return the settings that took the literature's default because the run left the book: "rule" and/or "order";
     *         empty for a book run or when both were given
     */
    public List<String> literatureDefaults() {
        if (book()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (ruleGiven == null) {
            out.add("rule");
        }
        if (orderGiven == null) {
            out.add("order");
        }
        return out;
    }

    /** @return the rule: as given, else the book's for a book run and the gradient past it */
    public BackpropRule rule() {
        return ruleGiven != null ? ruleGiven : book() ? BackpropRule.BOOK : BackpropRule.GRADIENT;
    }

    /** @return the order: as given, else the file's for a book run and shuffled past it */
    public Order order() {
        return orderGiven != null ? orderGiven : book() ? Order.FILE : Order.SHUFFLE;
    }

    /** @return the number of weight matrices */
    public int matrices() {
        return layers != null ? layers.length - 1 : hidden.length + 1;
    }

    /**
     * The layer sizes for data of {@code inputs} values and {@code classes} classes.
     *
     * @throws SettingException ("layers") when the layers given do not start and end as the data does
     */
    public int[] layerSizes(int inputs, int classes, String dataName) {
        if (layers != null) {
            if (layers[0] != inputs) {
                throw new SettingException("layers", String.format(Locale.ROOT, "starts with %d but %s has %d values per sample",
                        layers[0], dataName, inputs));
            }
            if (layers[layers.length - 1] != classes) {
                throw new SettingException("layers", String.format(Locale.ROOT, "ends with %d but %s has %d classes",
                        layers[layers.length - 1], dataName, classes));
            }
            return layers.clone();
        }
        int[] s = new int[hidden.length + 2];
        s[0] = inputs;
        System.arraycopy(hidden, 0, s, 1, hidden.length);
        s[s.length - 1] = classes;
        return s;
    }

    /**
     * Checks the run against its training data before anything is allocated: the layers against the data's shape, the
     * samples used, the images held out and the batch against the number of samples, the augmentations against the
     * pictures, and the memory of the whole run (weights, optimizer state, snapshots, the batch's activations) against
     * the heap.
     *
     * @param inputs  values per sample
     * @param classes classes of the data
     * @param size    samples in the training data, before any is held out or left out
     * @return the layer sizes
     * @throws SettingException naming the setting that does not fit
     */
    public int[] check(int inputs, int classes, int size, String dataName) {
        int[] sizes = layerSizes(inputs, classes, dataName);
        if (samples > size) {
            throw new SettingException("samples", String.format(Locale.ROOT, "is %,d but %s has %,d", samples, dataName, size));
        }
        int used = samples > 0 ? samples : size;
        if (validation >= used) {
            throw new SettingException("validation", String.format(Locale.ROOT, "holds out %,d images but %s has only %,d%s,"
                    + " which leaves none to learn from", validation, dataName, used, samples > 0 ? " in the samples used" : ""));
        }
        int learn = used - validation;
        if (batch > learn) {
            throw new SettingException("batch", String.format(Locale.ROOT, "is %,d but the run learns from %,d samples%s;"
                    + " a batch is at most all of them (32 to 128 is usual)", batch, learn,
                    validation > 0 ? " (" + validation + " held out)" : ""));
        }
        if (augment != null) {
            int side = (int) Math.round(Math.sqrt(inputs));
            if (side * side != inputs) {
                throw new SettingException("augment", dataName + " has " + inputs + " values per sample, not a square picture,"
                        + " so it cannot be distorted");
            }
            lookup("augment", () -> {
                augment.checkFits(side, side);
                return null;
            });
        }
        long weights;
        try {
            weights = NeuralNetwork.weightCount(sizes);
        } catch (MynnException e) {
            throw new SettingException(layers != null ? "layers" : "hidden", e.getMessage());
        }
        long widest = Arrays.stream(sizes).max().orElse(0);
        long units = Arrays.stream(sizes).asLongStream().sum();
        long engine = precision == Precision.FLOAT ? 4 : 8;
        long forWeights = weights * (8 + engine + 16 + (long) optimizer.optimizer().slots() * 8);
        long forBatch = (long) batch * (units + 4 * widest) * engine * 3;
        try {
            Memory.require(forWeights + forBatch, String.format(Locale.ROOT, "the %,d weights of a %s network%s trained in"
                    + " batches of %,d", weights, shape(sizes), optimizer.optimizer().slots() > 0 ? " with "
                    + optimizer.optimizer().name() + "'s state" : "", batch));
        } catch (MynnException e) {
            throw new SettingException(forBatch > forWeights ? "batch" : layers != null ? "layers" : "hidden", e.getMessage());
        }
        return sizes;
    }

    /**
     * A network with fresh weights for this run: drawn from the seed (a random one, recorded, when none is given), with
     * the learning rate and rule recorded as how it is trained.
     */
    public NeuralNetwork network(int[] sizes) {
        List<Activation> acts = new ArrayList<>();
        int matrices = sizes.length - 1;
        for (int k = 0; k < matrices; k++) {
            acts.add(activations.size() == 1 ? activations.get(0) : activations.get(k));
        }
        if (output != null) {
            acts.set(matrices - 1, output);
        }
        NetworkBuilder b = NeuralNetwork.builder(sizes).activations(acts).loss(loss).biases(biases).init(init)
                .learningRate(lr).rule(rule());
        if (seed != null) {
            b.seed(seed);
        }
        return b.build();
    }

    /** @return how the trainer runs: learning rate, rule, order, precision, batch, threads, optimizer, schedule */
    public TrainingSettings settings() {
        return new TrainingSettings(lr, rule(), order(), precision, batch, threads, optimizer, schedule);
    }

    /** @return a builder holding the settings this was built from, to change some and build again */
    public Builder toBuilder() {
        return source.copy();
    }

    public double lr() {
        return lr;
    }

    public int epochs() {
        return epochs;
    }

    /** @return the seed given; null when a random one is to be drawn */
    public Long seed() {
        return seed;
    }

    public int batch() {
        return batch;
    }

    public int threads() {
        return threads;
    }

    public Precision precision() {
        return precision;
    }

    public Configured optimizer() {
        return optimizer;
    }

    public Schedule schedule() {
        return schedule;
    }

    public Loss loss() {
        return loss;
    }

    /** @return the output layer's activation given; null for the one the others have */
    public Activation output() {
        return output;
    }

    /** @return the activations as given: one, or one per weight matrix */
    public List<Activation> activations() {
        return activations;
    }

    public boolean biases() {
        return biases;
    }

    public WeightInit init() {
        return init;
    }

    /** @return the augmentations; null for none */
    public Augmentations augment() {
        return augment;
    }

    /** @return the training images held out (the last ones); 0 for none */
    public int validation() {
        return validation;
    }

    /** @return true to keep the epoch with the best validation accuracy instead of the last */
    public boolean keepBest() {
        return keepBest;
    }

    /** @return how many of the first training samples to use; 0 for all */
    public int samples() {
        return samples;
    }

    /** @return the hidden layer sizes given; null when all the layers were given */
    public int[] hidden() {
        return hidden == null ? null : hidden.clone();
    }

    private static String shape(int[] sizes) {
        return String.join("-", Arrays.stream(sizes).mapToObj(Integer::toString).toList());
    }

    private static int[] sizes(String field, List<Integer> values, int least) {
        if (values.size() < least) {
            throw new SettingException(field, least == 2 ? "needs at least 2 sizes (inputs and classes) but has " + values.size()
                    : "needs at least " + least + " size but has none");
        }
        if (field.equals("hidden") && values.size() > MAX_HIDDEN_LAYERS) {
            throw new SettingException(field, "has " + values.size() + " layers; at most " + MAX_HIDDEN_LAYERS);
        }
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            Integer v = values.get(i);
            if (v == null || v < 1 || v > MAX_NODES) {
                throw new SettingException(field, String.format(Locale.ROOT, "sizes must be from 1 to %,d but '%s' has %s",
                        MAX_NODES, values.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse(""), v));
            }
            out[i] = v;
        }
        return out;
    }

    private static <E extends Enum<E> & Labelled> E label(Class<E> type, String field, String value, String what) {
        return lookup(field, () -> Labelled.parse(type, value.trim(), what));
    }

    private static <T> T lookup(String field, Supplier<T> f) {
        try {
            return f.get();
        } catch (SettingException e) {
            throw e;
        } catch (MynnException | IllegalArgumentException e) {
            throw new SettingException(field, e.getMessage());
        }
    }

    /**
     * Collects settings as people give them (names and numbers; null for the default) and checks them all in
     * {@link #build}.
     */
    public static final class Builder {
        private final Catalog catalog;
        private List<Integer> hidden;
        private List<Integer> layers;
        private List<String> activation;
        private String output;
        private String loss;
        private Boolean biases;
        private String init;
        private Double lr;
        private Integer epochs;
        private Long seed;
        private String rule;
        private String order;
        private String optimizer;
        private String schedule;
        private Integer batch;
        private String precision;
        private Integer threads;
        private String augment;
        private Integer validation;
        private String keep;
        private Integer samples;

        private Builder(Catalog catalog) {
            this.catalog = catalog;
        }

        /** Hidden layer sizes between the data's inputs and classes (default: one of {@value #DEFAULT_HIDDEN}). */
        public Builder hidden(List<Integer> v) {
            hidden = v == null ? null : List.copyOf(v);
            return this;
        }

        public Builder hidden(int... v) {
            return hidden(Arrays.stream(v).boxed().toList());
        }

        /** All layer sizes, inputs to classes; or {@link #hidden}, not both. */
        public Builder layers(List<Integer> v) {
            layers = v == null ? null : List.copyOf(v);
            return this;
        }

        public Builder layers(int... v) {
            return layers(Arrays.stream(v).boxed().toList());
        }

        /** One activation name for every layer, or one per weight matrix (default: sigmoid). */
        public Builder activation(List<String> v) {
            activation = v == null ? null : List.copyOf(v);
            return this;
        }

        /** One name, or names separated by commas. */
        public Builder activation(String v) {
            return activation(v == null ? null : Arrays.asList(v.split(",", -1)));
        }

        public Builder output(String v) {
            output = v;
            return this;
        }

        public Builder loss(String v) {
            loss = v;
            return this;
        }

        public Builder biases(Boolean v) {
            biases = v;
            return this;
        }

        public Builder init(String v) {
            init = v;
            return this;
        }

        public Builder lr(Double v) {
            lr = v;
            return this;
        }

        public Builder epochs(Integer v) {
            epochs = v;
            return this;
        }

        public Builder seed(Long v) {
            seed = v;
            return this;
        }

        /** "book" or "gradient"; null for the default (the book's for a book run, the gradient past it). */
        public Builder rule(String v) {
            rule = v;
            return this;
        }

        /** "file" or "shuffle"; null for the default (the file's for a book run, shuffled past it). */
        public Builder order(String v) {
            order = v;
            return this;
        }

        public Builder optimizer(String v) {
            optimizer = v;
            return this;
        }

        public Builder schedule(String v) {
            schedule = v;
            return this;
        }

        public Builder batch(Integer v) {
            batch = v;
            return this;
        }

        public Builder precision(String v) {
            precision = v;
            return this;
        }

        public Builder threads(Integer v) {
            threads = v;
            return this;
        }

        public Builder augment(String v) {
            augment = v;
            return this;
        }

        public Builder validation(Integer v) {
            validation = v;
            return this;
        }

        /** "best" or "last" (default). */
        public Builder keep(String v) {
            keep = v;
            return this;
        }

        /** Use only the first this many training samples; 0 or null for all. */
        public Builder samples(Integer v) {
            samples = v;
            return this;
        }

        private Builder copy() {
            Builder c = new Builder(catalog);
            c.hidden = hidden;
            c.layers = layers;
            c.activation = activation;
            c.output = output;
            c.loss = loss;
            c.biases = biases;
            c.init = init;
            c.lr = lr;
            c.epochs = epochs;
            c.seed = seed;
            c.rule = rule;
            c.order = order;
            c.optimizer = optimizer;
            c.schedule = schedule;
            c.batch = batch;
            c.precision = precision;
            c.threads = threads;
            c.augment = augment;
            c.validation = validation;
            c.keep = keep;
            c.samples = samples;
            return c;
        }

        /**
         * @return the specification, every value checked
         * @throws SettingException naming the first setting that is wrong
         */
        public RunSpec build() {
            return new RunSpec(this, catalog);
        }
    }
}
