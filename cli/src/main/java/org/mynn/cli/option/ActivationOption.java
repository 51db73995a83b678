package org.mynn.cli.option;

import java.util.List;
import org.mynn.cli.service.Choices;
import org.mynn.core.run.RunSpecBuilder;
import picocli.CommandLine.Option;

/**
 * {@code --activation NAME[,NAME...]}: one activation for every layer, or one per weight matrix, by the names the
 * installed plugins give ('mynn activations' lists them); the run specification checks the names and their count.
 */
public final class ActivationOption {

    @Option(names = "--activation", completionCandidates = Choices.Activations.class, paramLabel = "NAME", split = ",",
            description = "activation of every layer, or one per weight matrix (default: sigmoid); see 'mynn activations'")
    List<String> names;

    /** Puts the names given into {@code b}; none given leaves the specification's default (sigmoid). */
    public RunSpecBuilder fill(RunSpecBuilder b) {
        return b.activation(names);
    }

    /** @return the names given, or sigmoid */
    public List<String> names() {
        return names == null ? List.of("sigmoid") : names;
    }
}
