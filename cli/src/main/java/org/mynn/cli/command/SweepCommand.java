package org.mynn.cli.command;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.mynn.cli.option.ActivationOption;
import org.mynn.cli.option.DatasetOption;
import org.mynn.cli.option.OptionValueException;
import org.mynn.cli.option.Options;
import org.mynn.cli.option.RecipeOptions;
import org.mynn.cli.option.TestFiles;
import org.mynn.cli.option.TrainFiles;
import org.mynn.cli.service.Choices;
import org.mynn.cli.service.Runs;
import org.mynn.cli.service.SweepReport;
import org.mynn.cli.service.SweepRunner;
import org.mynn.cli.service.SweepShards;
import org.mynn.cli.terminal.Outputs;
import org.mynn.core.SettingException;
import org.mynn.core.model.Provenance;
import org.mynn.core.run.RunSpec;
import org.mynn.data.Dataset;
import org.mynn.data.DatasetSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Train and test over a grid of learning rates, epochs and hidden sizes, as the book's experiments.",
        description = "Train and test the book's network for every combination of the values given, independent runs"
                + " side by side on the cores, each reproducible by its seed (run r of a combination uses --seed + r - 1)."
                + " Writes results.csv, results.json and a chart of accuracy against each parameter that varies.",
        footer = {"", "Examples:", "  mynn sweep --lr 0.01,0.05,0.1,0.2,0.3 --epochs 1", "  mynn sweep --epochs 1..7 --repeats 3",
            "  mynn sweep --hidden 50,100,200,500 --epochs 5 --out hidden-sweep",
            "  mynn sweep --lr 0.05,0.1,0.2 --output softmax --loss cross-entropy --bias --validation 5000 --keep best"})
public final class SweepCommand extends BaseCommand {

    @Mixin
    DatasetOption named;

    @Option(names = "--lr", paramLabel = "LIST", split = ",", defaultValue = "0.1",
            description = "learning rates, e.g. 0.01,0.1,0.3 (default: ${DEFAULT-VALUE})")
    List<Double> lrs;

    @Option(names = "--epochs", paramLabel = "LIST", split = ",", defaultValue = "5", converter = Range.class,
            description = "epochs, e.g. 1..7 or 1,3,5 (default: ${DEFAULT-VALUE})")
    List<Range> epochs;

    @Option(names = "--hidden", paramLabel = "LIST", split = ",", defaultValue = "200",
            description = "hidden nodes, e.g. 50,100,200,500 (default: ${DEFAULT-VALUE})")
    List<Integer> hidden;

    @Mixin
    ActivationOption activation;

    @Option(names = "--repeats", paramLabel = "K", defaultValue = "1", description = "runs per combination, with seeds --seed .. --seed+K-1 (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "seed of the first run of each combination (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "runs at once, each on one thread (default: the cores, up to 4)")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "sweep", description = "folder for the tables and charts (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--shard", paramLabel = "K/N",
            description = "run only the K-th of N parts of the grid (repeats included; for several machines), writing its"
                    + " results into --out; put the parts together with --merge")
    String shard;

    @Option(names = "--merge", paramLabel = "DIR", arity = "1..*",
            description = "put together the --out folders of all the shards of one sweep into --out: the same results.csv,"
                    + " results.json and charts the whole sweep would have written")
    List<Path> merge;

    @Option(names = "--rule", completionCandidates = Choices.Rules.class, paramLabel = "RULE", description = "error sent back: book or gradient (default: book for the"
            + " book's network, gradient past it)")
    String rule;

    @Option(names = "--order", completionCandidates = Choices.Orders.class, paramLabel = "ORDER", description = "samples in each epoch: file or shuffle (default: file for"
            + " the book's network, shuffle past it)")
    String order;

    @Option(names = "--batch", paramLabel = "N", description = "samples per update (default: 1, the book's)")
    Integer batch;

    @Option(names = "--precision", completionCandidates = Choices.Precisions.class, paramLabel = "P", description = "double (default) or float")
    String precision;

    @Mixin
    TrainFiles trainFiles;
    @Mixin
    TestFiles testFiles;
    @Mixin
    RecipeOptions recipe;

    @Inject
    DatasetSource datasets;
    @Inject
    SweepRunner sweeps;
    @Inject
    SweepReport reports;
    @Inject
    Runs runs;

    /** A whole number or an inclusive range {@code a..b}; its own converter. */
    record Range(int from, int to) implements CommandLine.ITypeConverter<Range> {
        Range() {
            this(0, 0);
        }

        @Override
        public Range convert(String value) {
            String p = value.trim();
            try {
                if (p.contains("..")) {
                    return new Range(Integer.parseInt(p.substring(0, p.indexOf("..")).trim()),
                            Integer.parseInt(p.substring(p.indexOf("..") + 2).trim()));
                }
                int v = Integer.parseInt(p);
                return new Range(v, v);
            } catch (NumberFormatException e) {
                throw new OptionValueException("{option} must be whole numbers or ranges like 1..7 but '" + p + "' is neither");
            }
        }
    }

    /** The grid options, which a merge takes from the shards. */
    private static final List<String> GRID = List.of("--lr", "--epochs", "--hidden", "--activation", "--repeats", "--seed",
            "--threads", "--shard", "--dataset", "--train", "--train-labels", "--test", "--test-labels", "--classes", "--loss",
            "--output", "--bias", "--init", "--optimizer", "--lr-schedule", "--augment", "--validation", "--keep", "--rule",
            "--order", "--batch", "--precision", "--samples");

    @Override
    public Integer call() throws Exception {
        if (merge != null) {
            return merge();
        }
        List<Integer> epochList = expand(epochs);
        TreeSet<Integer> hiddenSet = new TreeSet<>(hidden);
        // a learning rate given twice is run once, as a hidden size or an epoch given twice is
        List<Double> lrs = new ArrayList<>(new LinkedHashSet<>(this.lrs));
        if (repeats < 1) {
            throw usage("--repeats must be at least 1 but is " + repeats);
        }
        int[] part = shard(lrs.size(), hiddenSet.size());
        int workers = spec(runs.spec().threads(threads)).threads();
        RunSpec base = spec(recipe.fill(activation.fill(runs.spec()).rule(rule).order(order).batch(batch)
                .precision(precision)));
        // every run of the grid is checked before any data is loaded
        for (int h : hiddenSet) {
            for (double lr : lrs) {
                try {
                    new SweepRunner.Plan(null, null, lrs, epochList, List.of(h), base, repeats, seed, workers).run(h, lr, seed);
                } catch (SettingException e) {
                    String field = e.field();
                    Object value = field.equals("lr") ? lr : field.equals("hidden") ? h : field.equals("epochs")
                            ? epochList.get(epochList.size() - 1) : null;
                    throw usage(value == null ? Options.option(field) + ": " + e.problem()
                            : Options.option(field) + " value " + value + ": " + e.problem());
                }
            }
        }
        if (shard != null) {
            // the shards of a job array write into one parent folder (shards/1, shards/2, ...) that none of them has
            // to make first: each makes the missing parents (at once with the others, which is safe)
            Outputs.parents(out);
        }
        Outputs.folder(out);
        Dataset train = trainFiles.load(named, datasets);
        Dataset test = testFiles.load(named, datasets, trainFiles.given(), train.classes());
        String name = trainFiles.given() ? train.name() : named.name();
        SweepRunner.Plan plan = new SweepRunner.Plan(train, test, lrs, epochList, new ArrayList<>(hiddenSet), base, repeats,
                seed, workers);
        try {
            // the largest network of the grid against the data and the heap, before any run starts
            plan.run(hiddenSet.last(), lrs.get(0), seed).check(train.inputSize(), train.classCount(), train.size(),
                    train.name());
        } catch (SettingException e) {
            throw usage(e);
        }
        int runs = SweepRunner.shardSize(plan.runs(), part[0], part[1]);
        out().printf(Locale.ROOT, "sweep: %d runs of up to %d epochs on %s, %d at a time%s%n", runs, plan.maxEpochs(),
                name, Math.max(1, Math.min(workers, runs)), shard == null ? "" : String.format(Locale.ROOT,
                        " (shard %d of %d: %d of the %d runs)", part[0], part[1], runs, plan.runs()));
        out().flush();
        List<SweepRunner.Result> results = sweeps.run(plan, part[0], part[1], (done, total, lr, h, s, history, secs) -> {
            StringBuilder line = new StringBuilder();
            for (Provenance.Epoch e : history) {
                line.append(String.format(Locale.ROOT, " %.4f", e.accuracy()));
            }
            out().printf(Locale.ROOT, "[%d/%d] lr %s  hidden %d  seed %d: accuracy after each epoch%s  (%.1f s)%n",
                    done, total, lr, h, s, line, secs);
            out().flush();
        });
        List<Path> files = reports.write(plan.grid(name), results, out, shard == null ? null : part[0] + "/" + part[1]);
        out().println("wrote " + files.get(0));
        out().println("wrote " + files.get(1));
        summary(SweepReport.summarize(results, test.size()));
        if (shard != null) {
            out().println("this is shard " + part[0] + " of " + part[1] + "; when all are done: mynn sweep --merge DIR... --out DIR");
        }
        for (Path chart : files.subList(2, files.size())) {
            out().println("wrote " + chart);
        }
        return 0;
    }

    private void summary(List<SweepReport.Cell> cells) {
        out().println();
        out().printf(Locale.ROOT, "%-8s %-7s %-7s %5s %9s %9s %9s %9s  %s%n", "lr", "hidden", "epochs", "runs", "mean", "spread",
                "min", "max", "95% interval");
        for (SweepReport.Cell c : cells) {
            out().printf(Locale.ROOT, "%-8s %-7d %-7d %5d %9.4f %9s %9.4f %9.4f  %.4f-%.4f%n", c.lr(), c.hidden(), c.epochs(),
                    c.runs(), c.mean(), c.runs() > 1 ? String.format(Locale.ROOT, "%.4f", c.spread()) : "-", c.min(), c.max(),
                    c.low(), c.high());
        }
        out().println("(95% interval: of the mean over the runs, Student's t, with several runs; of the accuracy over the"
                + " test images, Wilson, with one)");
        out().println();
    }

    /**
     * @return {K, N} of --shard, {1, 1} without it; N is at most the runs of the grid, so that every shard has one
     */
    private int[] shard(int lrCount, int hiddenCount) {
        if (shard == null) {
            return new int[] {1, 1};
        }
        String[] kn = shard.trim().split("/", -1);
        int k;
        int n;
        try {
            k = kn.length == 2 ? Integer.parseInt(kn[0].trim()) : 0;
            n = kn.length == 2 ? Integer.parseInt(kn[1].trim()) : 0;
        } catch (NumberFormatException e) {
            k = 0;
            n = 0;
        }
        if (n < 1 || k < 1 || k > n) {
            throw usage("--shard must be K/N with 1 <= K <= N, e.g. 2/4, but is '" + shard + "'");
        }
        long runs = (long) lrCount * hiddenCount * repeats;
        if (n > runs) {
            throw usage(String.format(Locale.ROOT, "--shard %s: N must be at most %d, the runs of this grid (%d %s x %d %s x"
                    + " %d %s), so that every shard has a run", shard.trim(), runs, lrCount, lrCount == 1 ? "learning rate"
                    : "learning rates", hiddenCount, hiddenCount == 1 ? "hidden size" : "hidden sizes", repeats,
                    repeats == 1 ? "repeat" : "repeats"));
        }
        return new int[] {k, n};
    }

    /** Puts the shards' results together and writes what the whole sweep would have. */
    private int merge() {
        for (String o : GRID) {
            if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
                throw usage("--merge takes the grid from the shards' results; leave out " + o);
            }
        }
        for (Path d : merge) {
            if (d.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
                throw usage("--out " + out + " is one of the shard folders given to --merge; give another --out");
            }
        }
        // the shards are read (and refused) before the output folder is made
        SweepShards.Merged m = SweepShards.merge(merge);
        Outputs.folder(out);
        List<Path> files = reports.write(m.grid(), m.results(), out, null);
        out().printf(Locale.ROOT, "merged %d shards of the sweep on %s: %d runs, %d results%n", m.shards(), m.grid().dataset(),
                m.grid().runs(), m.results().size());
        for (Path f : files.subList(0, 2)) {
            out().println("wrote " + f);
        }
        summary(SweepReport.summarize(m.results(), m.grid().testImages()));
        for (Path chart : files.subList(2, files.size())) {
            out().println("wrote " + chart);
        }
        return 0;
    }

    /** @return the epochs the ranges name, sorted, each once */
    private List<Integer> expand(List<Range> ranges) {
        TreeSet<Integer> values = new TreeSet<>();
        for (Range r : ranges) {
            for (int v = r.from(); v <= r.to(); v++) {
                values.add(v);
                if (values.size() > 1000) {
                    throw usage("--epochs has more than 1000 values; a sweep of more than 1000 is surely a typing error");
                }
            }
        }
        if (values.isEmpty() || values.first() < 1) {
            throw usage("--epochs values must be at least 1");
        }
        return new ArrayList<>(values);
    }
}
