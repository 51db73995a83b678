package org.mynn.cli;

import java.util.Locale;
import org.mynn.cli.service.Recipe;
import org.mynn.core.MynnException;
import org.mynn.core.Registry;
import org.mynn.core.activation.Activation;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.augment.Augmentations;
import org.mynn.core.loss.Loss;
import org.mynn.core.model.WeightInit;
import org.mynn.core.optimize.Configured;
import org.mynn.core.optimize.Optimizer;
import org.mynn.core.optimize.Schedule;
import org.mynn.data.Augment;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options that take a run past the book, one at a time: loss and output layer, biases, initial weights, optimizer,
 * learning-rate schedule, augmentations, validation and keeping the best. Without any of them a run is the book's.
 */
final class RecipeOptions {

    /** Which network a run keeps. */
    enum Keep {
        best, last
    }

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--loss", paramLabel = "NAME", defaultValue = "mse",
            description = "what training makes small: mse (the book's; default) or cross-entropy (with --output softmax);"
                    + " see 'mynn plugins'")
    String loss;

    @Option(names = "--output", paramLabel = "NAME",
            description = "the output layer's activation, e.g. softmax (default: the one --activation gives)")
    String output;

    @Option(names = "--bias", description = "give every non-input node a bias, starting at 0 (the book has none)")
    boolean bias;

    @Option(names = "--init", paramLabel = "RULE", defaultValue = "receiving",
            description = "initial weights' std: ${COMPLETION-CANDIDATES} (receiving: the seed's, receiving layer^-0.5;"
                    + " fan-in: the book's erratum; glorot: sqrt(2/(in+out)); he: sqrt(2/in), for relu)")
    WeightInit init;

    @Option(names = "--optimizer", paramLabel = "SPEC", defaultValue = "sgd",
            description = "how weights move: sgd (the book's; default), momentum[:MU], nesterov[:MU] or adam[:B1[:B2[:EPS]]]"
                    + " (adam wants --lr 0.001)")
    String optimizer;

    @Option(names = "--lr-schedule", paramLabel = "SPEC", defaultValue = "constant",
            description = "the learning rate over the epochs: constant (default), step:N:FACTOR, exp:FACTOR or cosine[:MIN]")
    String schedule;

    @Option(names = "--augment", paramLabel = "LIST",
            description = "more training images, a comma-separated list: rotate[:DEGREES] (the book's fixed copies),"
                    + " shift[:PIXELS], affine[:DEGREES[:SCALE[:SHEAR]]], elastic[:ALPHA[:SIGMA]] (afresh every epoch)")
    String augment;

    @Option(names = "--validation", paramLabel = "N",
            description = "hold out the last N training images and report accuracy on them after every epoch")
    Integer validation;

    @Option(names = "--keep", paramLabel = "WHICH", defaultValue = "last",
            description = "the network to keep: last (default) or best (the epoch with the best validation accuracy;"
                    + " needs --validation)")
    Keep keep;

    /**
     * @return the recipe these options give, every name looked up and every value checked before any data is loaded
     * @throws ParameterException naming the option that is wrong
     */
    Recipe recipe(ActivationRegistry activations, Registry<Loss> losses, Registry<Optimizer> optimizers, Augment augmenter) {
        Loss l = option("--loss", () -> losses.get(loss.trim()));
        Activation out = output == null ? null : option("--output", () -> activations.get(output.trim()));
        Configured o = option("--optimizer", () -> Configured.parse(optimizer, optimizers));
        Schedule s = option("--lr-schedule", () -> Schedule.parse(schedule));
        Augmentations a = augment == null ? null : option("--augment", () -> augmenter.parse(augment));
        int v = validation == null ? 0 : validation;
        if (validation != null && validation < 1) {
            throw BaseCommand.usage(mixee, "--validation must be at least 1 but is " + validation);
        }
        if (keep == Keep.best && v == 0) {
            throw BaseCommand.usage(mixee, "--keep best needs --validation N: the images held out to choose the best epoch by");
        }
        return option("--loss", () -> new Recipe(l, out, bias, init, o, s, a, v, keep == Keep.best));
    }

    private <T> T option(String name, java.util.function.Supplier<T> f) {
        try {
            return f.get();
        } catch (MynnException e) {
            String m = e.getMessage();
            if (name.equals("--loss") && output == null && m.contains("output layer must be")) {
                m += "; add --output softmax";
            }
            throw BaseCommand.usage(mixee, name + ": " + m);
        }
    }

    /** @return the options given that a resumed run takes from its checkpoint */
    static String[] setByCheckpoint() {
        return new String[] {"--loss", "--output", "--bias", "--init", "--optimizer", "--lr-schedule", "--augment",
            "--validation"};
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "loss %s, optimizer %s", loss, optimizer);
    }
}
