package org.mynn.cli;

import java.util.ArrayList;
import java.util.List;
import org.mynn.core.BackpropRule;
import org.mynn.core.MynnException;
import org.mynn.core.NeuralNetwork;
import org.mynn.core.WeightInit;
import org.mynn.core.activation.Activation;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.train.TrainingData;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The hyperparameters of a new network; every bad value is a usage error naming the option. */
final class NetworkOptions {

    @Option(names = "--layers", paramLabel = "SIZES",
            description = "all layer sizes, e.g. 784,200,10 (first: inputs, last: classes)")
    String layers;

    @Option(names = "--hidden", paramLabel = "SIZES",
            description = "hidden layer sizes between the data's inputs and classes, e.g. 200 or 500,500 (default: 200)")
    String hidden;

    @Option(names = "--activation", paramLabel = "NAME[,NAME...]", defaultValue = "sigmoid",
            description = "activation of every layer, or one per weight matrix (default: ${DEFAULT-VALUE}); see 'mynn activations'")
    String activation;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.1", description = "learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "5", description = "passes over the training data (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--init", paramLabel = "RULE", defaultValue = "receiving",
            description = "initial weights' std: receiving (the seed's: receiving layer^-0.5) or fan-in (the book's erratum)")
    String init;

    @Option(names = "--rule", paramLabel = "RULE", defaultValue = "book",
            description = "error sent back: book (W^T e, the seed's) or gradient (W^T (e f'), exact backpropagation)")
    String rule;

    /** @throws ParameterException for any value out of range */
    void validate(CommandSpec spec) {
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw usage(spec, "--lr must be a positive number but is " + lr);
        }
        if (epochs < 1) {
            throw usage(spec, "--epochs must be at least 1 but is " + epochs);
        }
        if (layers != null && hidden != null) {
            throw usage(spec, "give --layers or --hidden, not both");
        }
    }

    /** @return the layer sizes for data with {@code inputs} values and {@code classes} classes */
    int[] layerSizes(CommandSpec spec, TrainingData data) {
        if (layers != null) {
            int[] sizes = sizes(spec, "--layers", layers);
            if (sizes.length < 2) {
                throw usage(spec, "--layers needs at least 2 sizes (inputs and classes) but has " + sizes.length);
            }
            if (sizes[0] != data.inputSize()) {
                throw usage(spec, "--layers starts with " + sizes[0] + " but " + data.name() + " has "
                        + data.inputSize() + " values per sample");
            }
            if (sizes[sizes.length - 1] != data.classCount()) {
                throw usage(spec, "--layers ends with " + sizes[sizes.length - 1] + " but " + data.name() + " has "
                        + data.classCount() + " classes");
            }
            return sizes;
        }
        int[] h = hidden == null ? new int[] {200} : sizes(spec, "--hidden", hidden);
        int[] sizes = new int[h.length + 2];
        sizes[0] = data.inputSize();
        System.arraycopy(h, 0, sizes, 1, h.length);
        sizes[sizes.length - 1] = data.classCount();
        return sizes;
    }

    /** @return a new network for {@code data} */
    NeuralNetwork build(CommandSpec spec, TrainingData data, ActivationRegistry registry, Long seed) {
        validate(spec);
        int[] sizes = layerSizes(spec, data);
        List<Activation> acts = new ArrayList<>();
        for (String name : activation.split(",", -1)) {
            try {
                acts.add(registry.get(name.trim()));
            } catch (MynnException e) {
                throw usage(spec, "--activation: " + e.getMessage());
            }
        }
        if (acts.size() != 1 && acts.size() != sizes.length - 1) {
            throw usage(spec, "--activation gives " + acts.size() + " names but the network has " + (sizes.length - 1)
                    + " weight matrices (give 1 or " + (sizes.length - 1) + ")");
        }
        WeightInit wi;
        BackpropRule br;
        try {
            wi = WeightInit.parse(init);
            br = BackpropRule.parse(rule);
        } catch (MynnException e) {
            throw usage(spec, e.getMessage());
        }
        NeuralNetwork.Builder b = NeuralNetwork.builder(sizes).activations(acts).learningRate(lr).init(wi).rule(br);
        if (seed != null) {
            b.seed(seed);
        }
        return b.build();
    }

    private static int[] sizes(CommandSpec spec, String option, String text) {
        String[] parts = text.split(",", -1);
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw usage(spec, option + " must be whole numbers separated by commas, e.g. 784,200,10, but is '" + text + "'");
            }
            if (out[i] <= 0) {
                throw usage(spec, option + " sizes must be positive but '" + text + "' has " + out[i]);
            }
        }
        return out;
    }

    static ParameterException usage(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
