package org.mynn.cli.command;

import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.mynn.cli.service.Models;
import org.mynn.cli.service.RecordComparison;
import org.mynn.cli.service.Reproduction;
import org.mynn.cli.terminal.Outputs;
import org.mynn.cli.terminal.ProgressBar;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "reproduce", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Train a model again from what its file records, and say whether it comes out bit for bit the same.",
        description = "Train a model again from its own record: its training data (found again and checked by the SHA-256"
                + " of its files), its seed, shape, activations, options and epochs. Says whether every weight is the"
                + " same bit for bit, or how many differ and by how much, and what differs between the platform the model"
                + " was trained on and this one (mynn's version, the JVM, the system, the kernels); and its test accuracy"
                + " and per-epoch history beside the recorded ones. A record that does not add up (epochs x samples"
                + " against the samples seen, the history against the epochs) is refused before anything is trained."
                + " Exit 0 when identical, 3 when the weights, the accuracy or the history differ, 4 for a model imported"
                + " from ONNX that matches once rounded to float32 (the import rounded its weights).",
        footer = {"", "Examples:", "  mynn reproduce model.json --out again.json",
            "  mynn reproduce model.json --out again.json --data-dir ~/datasets   (data moved: found by its SHA-256)"})
public final class ReproduceCommand extends BaseCommand {

    /** The exit code when the weights, the accuracy or the history differ from the record. */
    public static final int DIFFERENT = 3;
    /**
     * The exit code of a model imported from ONNX whose rerun matches its record once rounded to float32 (the import
     * rounded its weights, so they cannot match bit for bit).
     */
    public static final int ROUNDED = 4;

    @Parameters(index = "0", paramLabel = "MODEL.json", description = "the model to train again")
    Path model;

    @Option(names = "--out", paramLabel = "MODEL.json", required = true, description = "where the model trained again goes")
    Path out;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where to look for data that moved: a file whose"
            + " SHA-256 is the recorded one (by its name first, then any file up to 3 folders down), and the cache of a"
            + " named dataset (without it: the recorded path and beside the model file; a named dataset from mynn's"
            + " cache)")
    Path dataDir;

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
        if (dataDir != null && !Files.isDirectory(dataDir)) {
            throw usage("--data-dir " + dataDir + " is not a folder; give the folder to look for the model's data in");
        }
        int t = spec(runs.spec().threads(threads)).threads();
        NeuralNetwork original = models.load(model).net();
        Reproduction.Plan plan = reproduction.plan(original, model, t, dataDir);
        Provenance p = original.provenance();
        out().printf(Locale.ROOT, "training %s again: %s, seed %d, %d epoch%s on %s%n", model, original.shape(),
                p.seed(), p.epochs(), p.epochs() == 1 ? "" : "s", p.data().name());
        for (String note : plan.notes()) {
            out().println("  " + note);
        }
        out().flush();
        ProgressBar bar = new ProgressBar(terminal, quiet);
        Reproduction.Result r = reproduction.run(plan, bar);
        models.save(r.again(), out);
        for (String change : r.platform()) {
            out().println("  recorded vs now: " + change);
        }
        RecordComparison.table(r.facts()).forEach(out()::println);
        String weights = original.hasBiases() ? "weights and biases" : "weights";
        if (r.rounded() && r.identical()) {
            out().printf(Locale.ROOT, "rounded: its weights were rounded to float32 by the ONNX import, so they cannot"
                    + " match bit for bit; rounded to float32, all %,d %s of the rerun are the recorded ones, and its"
                    + " accuracy and history are the same; saved %s%n", r.weights(), weights, out);
            return ROUNDED;
        }
        if (r.identical()) {
            out().printf(Locale.ROOT, "identical: all %,d %s are the same bit for bit%s; saved %s%n", r.weights(), weights,
                    r.facts().isEmpty() ? "" : ", and so are the accuracy and history", out);
            return 0;
        }
        if (r.differing() > 0) {
            out().printf(Locale.ROOT, "different: %,d of %,d %s differ%s, by at most %.3g; saved %s%n", r.differing(),
                    r.weights(), weights, r.rounded() ? " even rounded to float32" : "", r.maxDiff(), out);
        } else {
            out().printf(Locale.ROOT, "different: all %,d %s are the same bit for bit, but the record's facts are not;"
                    + " saved %s%n", r.weights(), weights, out);
        }
        for (String m : r.mismatches()) {
            out().println("  " + m);
        }
        if (r.rounded()) {
            out().println("  its weights were rounded to float32 by the ONNX import, so they cannot match bit for bit;"
                    + " the differences above are more than that rounding");
        }
        if (r.differing() == 0) {
            out().println("  the weights are the rerun's, so the record's facts above were changed after it was trained"
                    + " (was it edited?)");
            return DIFFERENT;
        }
        out().println(r.platform().isEmpty()
                ? "  the platform is the one recorded, so the record does not hold everything that made this model"
                        + " (was it edited, or trained with a run length its schedule depended on, e.g. --keep best with"
                        + " --lr-schedule cosine?)"
                : "  mynn is bit-exact on one platform; the differences above can change the last bits of every sum");
        return DIFFERENT;
    }
}
