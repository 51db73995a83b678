package org.mynn.core.run;

import java.util.Arrays;
import java.util.List;
import org.mynn.core.SettingException;
import org.mynn.core.activation.Activation;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Provenance;

/**
 * Collects settings as people give them (names and numbers; null for the default) and checks them all in
 * {@link #build}.
 */
public final class RunSpecBuilder {
    final Catalog catalog;
    List<Integer> hidden;
    List<Integer> layers;
    List<String> activation;
    String output;
    String loss;
    Boolean biases;
    String init;
    Double lr;
    Integer epochs;
    Long seed;
    String rule;
    String order;
    String optimizer;
    String schedule;
    Integer batch;
    String precision;
    Integer threads;
    String augment;
    Integer validation;
    String keep;
    Integer samples;

    RunSpecBuilder(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Hidden layer sizes between the data's inputs and classes (default: one of {@value RunSpec#DEFAULT_HIDDEN}). */
    public RunSpecBuilder hidden(List<Integer> v) {
        hidden = v == null ? null : List.copyOf(v);
        return this;
    }

    public RunSpecBuilder hidden(int... v) {
        return hidden(Arrays.stream(v).boxed().toList());
    }

    /** All layer sizes, inputs to classes; or {@link #hidden}, not both. */
    public RunSpecBuilder layers(List<Integer> v) {
        layers = v == null ? null : List.copyOf(v);
        return this;
    }

    public RunSpecBuilder layers(int... v) {
        return layers(Arrays.stream(v).boxed().toList());
    }

    /** One activation name for every layer, or one per weight matrix (default: sigmoid). */
    public RunSpecBuilder activation(List<String> v) {
        activation = v == null ? null : List.copyOf(v);
        return this;
    }

    /** One name, or names separated by commas. */
    public RunSpecBuilder activation(String v) {
        return activation(v == null ? null : Arrays.asList(v.split(",", -1)));
    }

    public RunSpecBuilder output(String v) {
        output = v;
        return this;
    }

    public RunSpecBuilder loss(String v) {
        loss = v;
        return this;
    }

    public RunSpecBuilder biases(Boolean v) {
        biases = v;
        return this;
    }

    public RunSpecBuilder init(String v) {
        init = v;
        return this;
    }

    public RunSpecBuilder lr(Double v) {
        lr = v;
        return this;
    }

    public RunSpecBuilder epochs(Integer v) {
        epochs = v;
        return this;
    }

    public RunSpecBuilder seed(Long v) {
        seed = v;
        return this;
    }

    /** "book" or "gradient"; null for the default (the book's for a book run, the gradient past it). */
    public RunSpecBuilder rule(String v) {
        rule = v;
        return this;
    }

    /** "file" or "shuffle"; null for the default (the file's for a book run, shuffled past it). */
    public RunSpecBuilder order(String v) {
        order = v;
        return this;
    }

    public RunSpecBuilder optimizer(String v) {
        optimizer = v;
        return this;
    }

    public RunSpecBuilder schedule(String v) {
        schedule = v;
        return this;
    }

    public RunSpecBuilder batch(Integer v) {
        batch = v;
        return this;
    }

    public RunSpecBuilder precision(String v) {
        precision = v;
        return this;
    }

    public RunSpecBuilder threads(Integer v) {
        threads = v;
        return this;
    }

    public RunSpecBuilder augment(String v) {
        augment = v;
        return this;
    }

    public RunSpecBuilder validation(Integer v) {
        validation = v;
        return this;
    }

    /** "best" or "last" (default). */
    public RunSpecBuilder keep(String v) {
        keep = v;
        return this;
    }

    /** Use only the first this many training samples; 0 or null for all. */
    public RunSpecBuilder samples(Integer v) {
        samples = v;
        return this;
    }

    /** @return a builder holding the run {@code net}'s record gives (see {@link RunSpec#recorded}) */
    static RunSpecBuilder recorded(NeuralNetwork net, Catalog catalog, int threads) {
        Provenance p = net.provenance();
        RunSpecBuilder b = new RunSpecBuilder(catalog).layers(net.layers()).activation(net.activations().stream().map(Activation::name).toList())
                .loss(net.loss().name()).biases(net.hasBiases()).lr(net.learningRate()).seed(p.seed())
                .rule(p.ruleOrBook().label()).order(p.orderOrFile().label()).threads(threads)
                .epochs(p.epochs() == null || p.epochs() < 1 ? 1 : Math.min(p.epochs(), RunSpec.MAX_EPOCHS));
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
        return b;
    }

    RunSpecBuilder copy() {
        RunSpecBuilder c = new RunSpecBuilder(catalog);
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
