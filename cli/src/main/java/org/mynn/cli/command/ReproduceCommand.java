package org.mynn.cli.command;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Locale;
import org.mynn.cli.service.Models;
import org.mynn.cli.service.Reproduction;
import org.mynn.cli.terminal.Outputs;
import org.mynn.cli.terminal.ProgressBar;
import org.mynn.core.model.NeuralNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "reproduce", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Train a model again from what its file records, and say whether it comes out bit for bit the same.",
        description = "Train a model again from its own record: its training data (found again and checked by the SHA-256"
                + " of its files), its seed, shape, activations, options and epochs. Says whether every weight is the"
                + " same bit for bit, or how many differ and by how much, and what differs between the platform the model"
                + " was trained on and this one (mynn's version, the JVM, the system, the kernels). Exit 0 when identical,"
                + " 3 when the weights differ.",
        footer = {"", "Examples:", "  mynn reproduce model.json --out again.json"})
public final class ReproduceCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "MODEL.json", description = "the model to train again")
    Path model;

    @Option(names = "--out", paramLabel = "MODEL.json", required = true, description = "where the model trained again goes")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "threads to train with (default: the cores, up to 4);"
            + " the results do not depend on it")
    Integer threads;

    @Option(names = {"-q", "--quiet"}, description = "no progress bar")
    boolean quiet;

    @Inject
    Models models;
    @Inject
    Reproduction reproduction;
    @Inject
    org.mynn.cli.service.Runs runs;

    @Override
    public Integer call() {
        Outputs.file(spec, "--out", out, Outputs.in("MODEL.json", model));
        int t = spec(runs.spec().threads(threads)).threads();
        NeuralNetwork original = models.load(model).net();
        reproduction.check(original, model.toString());
        out().printf(Locale.ROOT, "training %s again: %s, seed %d, %d epoch%s on %s%n", model, original.shape(),
                original.provenance().seed(), original.provenance().epochs() == null ? 0 : original.provenance().epochs(),
                Integer.valueOf(1).equals(original.provenance().epochs()) ? "" : "s",
                original.provenance().data() == null ? "?" : original.provenance().data().name());
        out().flush();
        ProgressBar bar = new ProgressBar(terminal, quiet);
        Reproduction.Result r = reproduction.reproduce(original, model.toString(), t, bar);
        models.save(r.again(), out);
        for (String change : r.platform()) {
            out().println("  recorded vs now: " + change);
        }
        if (r.identical()) {
            out().printf(Locale.ROOT, "identical: all %,d weights%s are the same bit for bit; saved %s%n", r.weights(),
                    original.hasBiases() ? " and biases" : "", out);
            return 0;
        }
        out().printf(Locale.ROOT, "different: %,d of %,d weights differ, by at most %.3g; saved %s%n", r.differing(),
                r.weights(), r.maxDiff(), out);
        out().println(r.platform().isEmpty()
                ? "  the platform is the one recorded, so the record does not hold everything that made this model"
                        + " (was it edited, or trained with a run length its schedule depended on, e.g. --keep best with"
                        + " --lr-schedule cosine?)"
                : "  mynn is bit-exact on one platform; the differences above can change the last bits of every sum");
        return 3;
    }
}
