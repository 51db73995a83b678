package org.mynn.cli.option;

import java.util.List;
import org.mynn.cli.service.Choices;
import org.mynn.core.run.RunSpec;
import org.mynn.core.run.RunSpecBuilder;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The shape, functions and arithmetic of a new network; the run specification checks every value. */
public final class NetworkOptions {

    @Option(names = "--layers", paramLabel = "SIZES", split = ",",
            description = "all layer sizes, e.g. 784,200,10 (first: inputs, last: classes)")
    public List<Integer> layers;

    @Option(names = "--hidden", paramLabel = "SIZES", split = ",",
            description = "hidden layer sizes between the data's inputs and classes, e.g. 200 or 500,500 (default: "
                    + RunSpec.DEFAULT_HIDDEN + ")")
    public List<Integer> hidden;

    @Mixin
    public ActivationOption activation = new ActivationOption();

    @Option(names = "--lr", paramLabel = "RATE", description = "learning rate (default: " + RunSpec.DEFAULT_LR + ")")
    public Double lr;

    @Option(names = "--epochs", paramLabel = "N", description = "passes over the training data (default: "
            + RunSpec.DEFAULT_EPOCHS + ")")
    public Integer epochs;

    @Option(names = "--rule", completionCandidates = Choices.Rules.class, paramLabel = "RULE",
            description = "error sent back: book (W^T e, the seed's) or gradient (W^T (e f'), exact backpropagation);"
                    + " default: book for the book's network, gradient once a setting leaves the book")
    public String rule;

    @Option(names = "--order", completionCandidates = Choices.Orders.class, paramLabel = "ORDER",
            description = "samples in each epoch: file (the book's) or shuffle (a fresh order every epoch, from the seed);"
                    + " default: file for the book's network, shuffle once a setting leaves the book")
    public String order;

    /** Puts the options given into {@code b}; what is not given stays the specification's default. */
    public RunSpecBuilder fill(RunSpecBuilder b) {
        return activation.fill(b.layers(layers).hidden(hidden)).lr(lr).epochs(epochs).rule(rule).order(order);
    }

    /** @return the inputs and classes --layers gives, else MNIST's: the stand-in network's ends while data loads */
    public int[] ends() {
        return layers != null && layers.size() >= 2 ? new int[] {layers.get(0), layers.get(layers.size() - 1)}
                : new int[] {784, 10};
    }
}
