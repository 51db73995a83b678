package org.mynn.core.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
    private final RunSpecBuilder source;

    RunSpec(RunSpecBuilder b, Catalog c) {
        this.source = b.copy();
        if (b.hidden != null && b.layers != null) {
            throw new SettingException("hidden", "give the hidden layers or all the layers, not both");
        }
        this.layers = b.layers == null ? null : Parse.sizes("layers", b.layers, 2);
        this.hidden = b.layers != null ? null : b.hidden == null ? new int[] {DEFAULT_HIDDEN} : Parse.sizes("hidden", b.hidden, 1);
        int matrices = layers != null ? layers.length - 1 : hidden.length + 1;
        List<Activation> acts = new ArrayList<>();
        for (String name : b.activation == null ? List.of("sigmoid") : b.activation) {
            acts.add(Parse.lookup("activation", () -> c.activations().get(name.trim())));
        }
        if (acts.isEmpty() || (acts.size() != 1 && acts.size() != matrices)) {
            throw new SettingException("activation", String.format(Locale.ROOT, "gives %d names but the network has %d"
                    + " weight matrices (give 1 or %d)", acts.size(), matrices, matrices));
        }
        this.activations = List.copyOf(acts);
        this.output = b.output == null || b.output.isBlank() ? null : Parse.lookup("output", () -> c.activations().get(b.output.trim()));
        this.loss = Parse.lookup("loss", () -> c.losses().get(b.loss == null ? "mse" : b.loss.trim()));
        Activation last = output != null ? output : activations.get(activations.size() - 1);
        Parse.lookup("loss", () -> {
            try {
                loss.checkOutput(last);
            } catch (MynnException e) {
                throw new MynnException(e.getMessage() + (output == null ? "; give the output layer softmax" : ""));
            }
            return null;
        });
        this.biases = b.biases != null && b.biases;
        this.init = b.init == null ? WeightInit.RECEIVING : Parse.label(WeightInit.class, "init", b.init, "weight init");
        this.lr = b.lr == null ? DEFAULT_LR : b.lr;
        if (!(lr > 0) || !(lr <= MAX_LR)) {
            throw new SettingException("lr", "must be above 0 and at most " + (int) MAX_LR + " but is " + lr);
        }
        this.epochs = b.epochs == null ? DEFAULT_EPOCHS : b.epochs;
        if (epochs < 1 || epochs > MAX_EPOCHS) {
            throw new SettingException("epochs", String.format(Locale.ROOT, "must be from 1 to %,d but is %d", MAX_EPOCHS, epochs));
        }
        this.seed = b.seed;
        this.ruleGiven = b.rule == null ? null : Parse.label(BackpropRule.class, "rule", b.rule, "backpropagation rule");
        this.orderGiven = b.order == null ? null : Parse.label(Order.class, "order", b.order, "sample order");
        this.optimizer = Parse.lookup("optimizer", () -> Configured.parse(b.optimizer == null ? "sgd" : b.optimizer, c.optimizers()));
        this.schedule = Parse.lookup("schedule", () -> Schedule.parse(b.schedule == null ? "constant" : b.schedule));
        this.batch = b.batch == null ? 1 : b.batch;
        if (batch < 1) {
            throw new SettingException("batch", "must be at least 1 but is " + batch);
        }
        this.precision = b.precision == null ? Precision.DOUBLE : Parse.label(Precision.class, "precision", b.precision, "precision");
        this.threads = b.threads == null ? defaultThreads() : b.threads;
        if (threads < 1 || threads > MAX_THREADS) {
            throw new SettingException("threads", "must be from 1 to " + MAX_THREADS + " but is " + threads);
        }
        this.augment = b.augment == null || b.augment.isBlank() ? null
                : Parse.lookup("augment", () -> Augmentations.parse(b.augment, c.augmentations()));
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
    public static RunSpecBuilder builder(Catalog catalog) {
        return new RunSpecBuilder(catalog);
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
        return RunSpecBuilder.recorded(net, catalog, threads).build();
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
        return DataFit.check(this, inputs, classes, size, dataName);
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
    public RunSpecBuilder toBuilder() {
        return source.copy();
    }

    public double lr() {
        return lr;
    }

    public int epochs() {
        return epochs;
    }

    /** @return the optimizer as its option gives it, e.g. "momentum:0.9": for front ends that show the settings */
    public String optimizerSpec() {
        return optimizer.spec();
    }

    /** @return the learning-rate schedule as its option gives it, e.g. "cosine" */
    public String scheduleSpec() {
        return schedule.spec();
    }

    /** @return the augmentations as the option gives them, e.g. "elastic:34:4"; null for none */
    public String augmentSpec() {
        return augment == null ? null : augment.toString();
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
}
