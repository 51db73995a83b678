package org.mynn.cli.command;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.mynn.cli.option.DatasetOption;
import org.mynn.cli.option.NetworkOptions;
import org.mynn.cli.option.Options;
import org.mynn.cli.option.RecipeOptions;
import org.mynn.cli.option.SpeedOptions;
import org.mynn.cli.option.TestFiles;
import org.mynn.cli.option.TrainFiles;
import org.mynn.cli.service.Models;
import org.mynn.cli.service.Runs;
import org.mynn.cli.service.TrainingRun;
import org.mynn.cli.terminal.Outputs;
import org.mynn.cli.terminal.TrainingSession;
import org.mynn.core.SettingException;
import org.mynn.core.kernel.Kernels;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Provenance;
import org.mynn.core.run.RunSpec;
import org.mynn.core.train.TrainingListener;
import org.mynn.core.train.TrainingPosition;
import org.mynn.core.train.Warmup;
import org.mynn.data.Dataset;
import org.mynn.data.DatasetSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Train a new network and save it as JSON: the book's per-sample SGD, or past it.",
        description = "Train a new network and save it as JSON. The book's network (one sigmoid hidden layer, mse, no"
                + " biases, plain per-sample SGD) trains exactly as the book does; once a setting leaves the book, the"
                + " defaults are the literature's: the true gradient (--rule gradient) and a fresh order every epoch"
                + " (--order shuffle). Ctrl-C stops at the end of"
                + " the sample under way and saves a checkpoint (unless --no-save); --resume continues it, and the result"
                + " is bit for bit the run that was never interrupted.",
        footer = {"", "Examples:", "  mynn train --out model.json                       (mnist, 784-200-10, 5 epochs)",
            "  mynn train --dataset fashion-mnist --hidden 300 --epochs 10 --out fashion.json",
            "  mynn train --train mnist_train.csv --test mnist_test.csv --lr 0.2 --out m.json",
            "  mynn train --epochs 20 --checkpoint-every 1 --out m.json       (a checkpoint after every epoch)",
            "  mynn train --resume m.checkpoint.json --out m.json",
            "  mynn train --hidden 800 --output softmax --loss cross-entropy --bias --optimizer momentum --batch 64 --lr 0.1 \\",
            "      --augment elastic:34:4 --validation 5000 --keep best --epochs 30 --out simard.json   (past the book: 99%%)"})
public final class TrainCommand extends BaseCommand {

    @Mixin
    DatasetOption named;
    @Mixin
    TrainFiles trainFiles;
    @Mixin
    TestFiles testFiles;
    @Mixin
    NetworkOptions network;
    @Mixin
    SpeedOptions speed;
    @Mixin
    RecipeOptions recipe;

    @Option(names = "--seed", paramLabel = "N", description = "random seed of the initial weights (default: a random one, printed)")
    Long seed;

    @Option(names = "--out", paramLabel = "MODEL.json", required = true, description = "where to save the model")
    Path out;

    @Option(names = "--checkpoint-every", paramLabel = "N[epochs|samples]",
            description = "save a checkpoint every N epochs (e.g. 1) or N samples (e.g. 20000samples)")
    String checkpointEvery;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "where checkpoints go (default: beside --out, e.g. model.checkpoint.json)")
    Path checkpoint;

    @Option(names = "--resume", paramLabel = "CHECKPOINT.json",
            description = "continue an interrupted run from its checkpoint, with its own data and settings")
    Path resume;

    @Option(names = "--no-save", description = "on Ctrl-C, stop without saving a checkpoint")
    boolean noSave;

    @Option(names = {"-q", "--quiet"}, description = "no progress bar")
    boolean quiet;

    /** Options a resumed run takes from its checkpoint, and so must not be given again. */
    private static final List<String> SET_BY_CHECKPOINT = List.of("--dataset", "--train", "--train-labels", "--test",
            "--test-labels", "--classes", "--layers", "--hidden", "--activation", "--lr", "--epochs", "--init", "--rule",
            "--order", "--seed", "--precision", "--batch", "--loss", "--output", "--bias", "--optimizer", "--lr-schedule",
            "--augment", "--validation", "--samples");

    @Inject
    DatasetSource datasets;
    @Inject
    Models models;
    @Inject
    TrainingRun trainingRuns;
    @Inject
    Runs runs;
    @Inject
    Kernels kernels;

    @Override
    public Integer call() {
        int[] every = checkpointInterval();
        Path ckpt = checkpoint != null ? checkpoint : TrainingRun.defaultCheckpoint(out);
        Outputs.Input[] data = {Outputs.in("--train", trainFiles.train), Outputs.in("--train-labels", trainFiles.trainLabels),
            Outputs.in("--test", testFiles.test), Outputs.in("--test-labels", testFiles.testLabels)};
        Outputs.file(spec, "--out", out, concat(data, Outputs.in("--resume", resume)));
        Outputs.file(spec, checkpoint != null ? "--checkpoint" : "the checkpoint beside --out", ckpt,
                concat(data, Outputs.in("--out", out)));
        TrainingRun.Job job;
        RunSpec run;
        if (resume != null) {
            for (String o : SET_BY_CHECKPOINT) {
                if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
                    throw usage("--resume continues a run with the settings in its checkpoint; leave out " + o);
                }
            }
            job = trainingRuns.resume(resume, speed.threads());
            run = trainingRuns.recordedSpec(job.start(), speed.threads(), resume.toString());
        } else {
            run = spec(recipe.fill(speed.fill(network.fill(runs.spec().seed(seed)))));
            int[] ends = network.ends();
            Dataset train;
            Dataset test;
            try (Warmup warm = runs.warmUp(run, ends[0], ends[1])) {
                train = trainFiles.load(named, datasets);
                test = testFiles.load(named, datasets, trainFiles.given(), train.classes());
                warm.settle();
            }
            Runs.Prepared p;
            try {
                p = runs.prepare(run, train, test);
            } catch (SettingException e) {
                throw usage(e);
            }
            p.notes().forEach(n -> out().println("note: " + n));
            job = p.job();
        }
        boolean keepBest = resume != null ? "best".equals(recipe.keep) : run.keepBest();
        if (keepBest && job.sets().validation() == null) {
            throw usage("--keep best needs images held out for validation, and this run has none");
        }
        TrainingListener printer = TrainingSession.announce(terminal, run, job.start(), job.train(), job.epochs(), job.settings(),
                quiet, job.from(), job.sets().test(), kernels);
        try (TrainingRun.Session session = trainingRuns.session(new TrainingRun.Checkpoints(every[0], every[1], ckpt, !noSave,
                keepBest ? out : null), Options::option)) {
            TrainingRun.Result r = session.run(job, printer);
            TrainingPosition end = r.position();
            if (end.epochsDone() < job.epochs()) {
                terminal.err().printf(Locale.ROOT, "mynn: interrupted after %d epoch%s and %,d samples; saved a checkpoint"
                        + " to %s; continue with: mynn train --resume %s --out %s%n", end.epochsDone(),
                        end.epochsDone() == 1 ? "" : "s", end.samplesDone(), ckpt, ckpt, out);
                terminal.err().flush();
                return 130;
            }
            if (!keepBest) {
                models.save(r.network(), out);
            } else if (r.best() == null) {
                out().println("no epoch of this run beat the validation accuracy of the epochs before it; " + out
                        + " keeps the best of those");
            }
            if (r.checkpointWritten() || (resume != null && resume.toAbsolutePath().equals(ckpt.toAbsolutePath()))) {
                TrainingRun.deleteCheckpoint(ckpt);
            }
            NeuralNetwork kept = keepBest ? r.best() : r.network();
            if (kept != null) {
                out().println(savedLine(kept, keepBest));
            }
            return 0;
        }
    }

    private static Outputs.Input[] concat(Outputs.Input[] a, Outputs.Input b) {
        Outputs.Input[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = b;
        return out;
    }

    private String savedLine(NeuralNetwork kept, boolean best) {
        Provenance p = kept.provenance();
        StringBuilder s = new StringBuilder("saved " + out);
        Provenance.Epoch last = p.history().isEmpty() ? null : p.history().get(p.history().size() - 1);
        if (best && last != null) {
            s.append(String.format(Locale.ROOT, " (the best epoch, %d: validation accuracy %.4f", last.epoch(), last.validation()));
            s.append(last.accuracy() == null ? ")" : String.format(Locale.ROOT, ", test accuracy %.4f)", last.accuracy()));
        } else if (p.accuracy() != null) {
            s.append(String.format(Locale.ROOT, " (test accuracy %.4f)", p.accuracy()));
        }
        return s.toString();
    }

    /** @return {epochs, samples}: the interval of {@code --checkpoint-every}, 0 where not given */
    private int[] checkpointInterval() {
        if (checkpointEvery == null) {
            return new int[] {0, 0};
        }
        String s = checkpointEvery.trim().toLowerCase(Locale.ROOT);
        boolean samples = s.endsWith("samples");
        String number = s.replaceAll("(epochs?|samples)$", "");
        int n;
        try {
            n = Integer.parseInt(number);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1) {
            throw usage("--checkpoint-every must be a positive number of epochs (e.g. 1) or samples (e.g. 20000samples)"
                    + " but is '" + checkpointEvery + "'");
        }
        return samples ? new int[] {0, n} : new int[] {n, 0};
    }
}
