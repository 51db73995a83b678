package org.mynn.cli.option;

import org.mynn.cli.service.Choices;
import org.mynn.core.run.RunSpec;
import org.mynn.core.run.RunSpecBuilder;
import picocli.CommandLine.Option;

/**
 * The options that take a run past the book, one at a time: loss and output layer, biases, initial weights, optimizer,
 * learning-rate schedule, augmentations, validation and keeping the best; and the samples used. Without any of them a
 * run is the book's. The run specification checks every value.
 */
public final class RecipeOptions {

    @Option(names = "--loss", completionCandidates = Choices.Losses.class, paramLabel = "NAME",
            description = "what training makes small: mse (the book's; default) or cross-entropy (with --output softmax);"
                    + " see 'mynn plugins'")
    public String loss;

    @Option(names = "--output", completionCandidates = Choices.Activations.class, paramLabel = "NAME",
            description = "the output layer's activation, e.g. softmax (default: the one --activation gives)")
    public String output;

    @Option(names = "--bias", description = "give every non-input node a bias, starting at 0 (the book has none)")
    public boolean bias;

    @Option(names = "--init", completionCandidates = Choices.Inits.class, paramLabel = "RULE",
            description = "initial weights' std: receiving (the seed's, receiving layer^-0.5; default), fan-in (the book's"
                    + " erratum), glorot (sqrt(2/(in+out))) or he (sqrt(2/in), for relu)")
    public String init;

    @Option(names = "--optimizer", completionCandidates = Choices.Optimizers.class, paramLabel = "SPEC",
            description = "how weights move: sgd (the book's; default), momentum[:MU], nesterov[:MU] or adam[:B1[:B2[:EPS]]]"
                    + " (adam wants --lr 0.001)")
    public String optimizer;

    @Option(names = "--lr-schedule", paramLabel = "SPEC",
            description = "the learning rate over the epochs: constant (default), step:N:FACTOR, exp:FACTOR or cosine[:MIN]")
    public String schedule;

    @Option(names = "--augment", completionCandidates = Choices.Augmentations.class, paramLabel = "LIST",
            description = "more training images, a comma-separated list: rotate[:DEGREES] (the book's fixed copies),"
                    + " shift[:PIXELS], affine[:DEGREES[:SCALE[:SHEAR]]], elastic[:ALPHA[:SIGMA]] (afresh every epoch)")
    public String augment;

    @Option(names = "--validation", paramLabel = "N",
            description = "hold out the last N training images and report accuracy on them after every epoch")
    public Integer validation;

    @Option(names = "--keep", completionCandidates = Choices.Keeps.class, paramLabel = "WHICH",
            description = "the network to keep: last (default) or best (the epoch with the best validation accuracy;"
                    + " needs --validation)")
    public String keep;

    @Option(names = "--samples", paramLabel = "N",
            description = "learn from only the first N training samples (default: all)")
    public Integer samples;

    /** Puts the options given into {@code b}. */
    public RunSpecBuilder fill(RunSpecBuilder b) {
        return b.loss(loss).output(output).biases(bias ? Boolean.TRUE : null).init(init).optimizer(optimizer)
                .schedule(schedule).augment(augment).validation(validation).keep(keep).samples(samples);
    }
}
