package org.mynn.cli;

import java.util.ArrayList;
import java.util.List;
import org.mynn.core.MynnException;
import org.mynn.core.activation.Activation;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.cli.service.Recipe;
import org.mynn.core.model.BackpropRule;
import org.mynn.core.model.NetworkBuilder;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.train.TrainingData;
import org.mynn.core.train.Warmup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The hyperparameters of a new network; every bad value is a usage error naming the option. */
final class NetworkOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--layers", paramLabel = "SIZES", split = ",",
            description = "all layer sizes, e.g. 784,200,10 (first: inputs, last: classes)")
    List<Integer> layers;

    @Option(names = "--hidden", paramLabel = "SIZES", split = ",",
            description = "hidden layer sizes between the data's inputs and classes, e.g. 200 or 500,500 (default: 200)")
    List<Integer> hidden;

    @Option(names = "--activation", paramLabel = "NAME", split = ",", defaultValue = "sigmoid",
            description = "activation of every layer, or one per weight matrix (default: ${DEFAULT-VALUE}); see 'mynn activations'")
    List<String> activation;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.1", description = "learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "5", description = "passes over the training data (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--rule", paramLabel = "RULE", defaultValue = "book",
            description = "error sent back: ${COMPLETION-CANDIDATES} (book: W^T e, the seed's; gradient: W^T (e f'),"
                    + " exact backpropagation)")
    BackpropRule rule;

    /** @throws ParameterException for any value out of range */
    void validate() {
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw BaseCommand.usage(mixee, "--lr must be a positive number but is " + lr);
        }
        if (epochs < 1) {
            throw BaseCommand.usage(mixee, "--epochs must be at least 1 but is " + epochs);
        }
        if (layers != null && hidden != null) {
            throw BaseCommand.usage(mixee, "give --layers or --hidden, not both");
        }
    }

    /**
     * Starts compiling the training code while the data loads (see {@link Warmup}): a narrowed stand-in network of this
     * run's kind, with the inputs and classes --layers gives or MNIST's (sizes do not change the compiled code). Options
     * the stand-in cannot be built with are reported by the real build, after the data is read; here they only mean no
     * warm-up.
     */
    Warmup warmUp(ActivationRegistry registry, Recipe recipe, SpeedOptions speed) {
        try {
            boolean ends = layers != null && layers.size() >= 2;
            TrainingData madeUp = Warmup.madeUp(ends ? layers.get(0) : 784, ends ? layers.get(layers.size() - 1) : 10);
            NeuralNetwork standIn = build(Warmup.narrow(layerSizes(madeUp)), registry, 1L, recipe);
            return Warmup.start(standIn, recipe.configure(speed.settings(standIn)));
        } catch (RuntimeException e) {
            return Warmup.none();
        }
    }

    /** @return the layer sizes for {@code data}: its inputs, the hidden sizes, its classes */
    int[] layerSizes(TrainingData data) {
        if (layers != null) {
            int[] sizes = positive("--layers", layers);
            if (sizes.length < 2) {
                throw BaseCommand.usage(mixee, "--layers needs at least 2 sizes (inputs and classes) but has " + sizes.length);
            }
            if (sizes[0] != data.inputSize()) {
                throw BaseCommand.usage(mixee, "--layers starts with " + sizes[0] + " but " + data.name() + " has "
                        + data.inputSize() + " values per sample");
            }
            if (sizes[sizes.length - 1] != data.classCount()) {
                throw BaseCommand.usage(mixee, "--layers ends with " + sizes[sizes.length - 1] + " but " + data.name() + " has "
                        + data.classCount() + " classes");
            }
            return sizes;
        }
        int[] h = hidden == null ? new int[] {200} : positive("--hidden", hidden);
        int[] sizes = new int[h.length + 2];
        sizes[0] = data.inputSize();
        System.arraycopy(h, 0, sizes, 1, h.length);
        sizes[sizes.length - 1] = data.classCount();
        return sizes;
    }

    /** @return a new network for {@code data}, made as {@code recipe} says */
    NeuralNetwork build(TrainingData data, ActivationRegistry registry, Long seed, Recipe recipe) {
        validate();
        return build(layerSizes(data), registry, seed, recipe);
    }

    private NeuralNetwork build(int[] sizes, ActivationRegistry registry, Long seed, Recipe recipe) {
        List<Activation> acts = new ArrayList<>();
        for (String name : activation) {
            try {
                acts.add(registry.get(name.trim()));
            } catch (MynnException e) {
                throw BaseCommand.usage(mixee, "--activation: " + e.getMessage());
            }
        }
        if (acts.size() != 1 && acts.size() != sizes.length - 1) {
            throw BaseCommand.usage(mixee, "--activation gives " + acts.size() + " names but the network has "
                    + (sizes.length - 1) + " weight matrices (give 1 or " + (sizes.length - 1) + ")");
        }
        Activation last = recipe.output() != null ? recipe.output() : acts.get(acts.size() - 1);
        try {
            recipe.loss().checkOutput(last);
        } catch (MynnException e) {
            throw BaseCommand.usage(mixee, "--loss: " + e.getMessage() + (recipe.output() == null ? "; add --output softmax" : ""));
        }
        NetworkBuilder b = recipe.configure(NeuralNetwork.builder(sizes), acts, sizes.length - 1).learningRate(lr).rule(rule);
        if (seed != null) {
            b.seed(seed);
        }
        return b.build();
    }

    private int[] positive(String option, List<Integer> values) {
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
            if (out[i] <= 0) {
                throw BaseCommand.usage(mixee, option + " sizes must be positive but '" + String.join(",",
                        values.stream().map(String::valueOf).toList()) + "' has " + out[i]);
            }
        }
        return out;
    }
}
