package org.mynn.cli.command;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mynn.cli.option.DatasetOption;
import org.mynn.cli.option.NetworkOptions;
import org.mynn.cli.option.RecipeOptions;
import org.mynn.cli.option.SpeedOptions;
import org.mynn.cli.service.Models;
import org.mynn.cli.service.Runs;
import org.mynn.cli.terminal.Outputs;
import org.mynn.cli.terminal.TrainingSession;
import org.mynn.core.SettingException;
import org.mynn.core.kernel.Kernels;
import org.mynn.core.model.BackpropRule;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Order;
import org.mynn.core.run.RunSpec;
import org.mynn.core.train.Trainer;
import org.mynn.core.train.TrainingControl;
import org.mynn.core.train.TrainingPosition;
import org.mynn.core.train.Warmup;
import org.mynn.data.Dataset;
import org.mynn.data.DatasetSource;
import org.mynn.data.Split;
import org.mynn.render.ChartRenderer;
import org.mynn.render.GridRenderer;
import org.mynn.render.ImageRenderer;
import org.mynn.render.ImageSink;
import org.mynn.render.NetworkViews;
import org.mynn.render.Tile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        header = "The seed end to end: fetch MNIST, train 784-200-10, test, save, draw what it sees.",
        description = "The seed from end to end: fetch MNIST, train the book's 784-200-10 network (sigmoid, learning rate 0.1, 5 epochs), test it, save it as JSON, and draw what it sees for every digit. Writes into --out: model.json, backquery/0.png .. 9.png, backquery/grid.png, training.png.",
        footer = {"", "Examples:", "  mynn demo", "  mynn demo --epochs 1 --out quick", "  mynn demo --dataset fashion-mnist --hidden 300",
            "  mynn demo --output softmax --loss cross-entropy --bias --optimizer momentum --batch 32 --out past-the-book"})
public final class DemoCommand extends BaseCommand {

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "mynn-demo", description = "folder for everything it writes (default: ${DEFAULT-VALUE})")
    Path out;

    @Mixin
    DatasetOption named;

    @Mixin
    NetworkOptions network;
    @Mixin
    SpeedOptions speed;
    @Mixin
    RecipeOptions recipe;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "random seed of the initial weights (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = {"-q", "--quiet"}, description = "no progress bar")
    boolean quiet;

    @Inject
    DatasetSource datasets;
    @Inject
    Runs runs;
    @Inject
    Models models;
    @Inject
    ImageRenderer images;
    @Inject
    GridRenderer grids;
    @Inject
    ChartRenderer charts;
    @Inject
    ImageSink sink;
    @Inject
    Kernels kernels;

    @Override
    public Integer call() {
        RunSpec run = spec(recipe.fill(speed.fill(network.fill(runs.spec().seed(seed)))));
        DatasetSource source = named.source(datasets);
        String name = named.name();
        Path dir = Outputs.folder(out);
        Path backquery = Outputs.folder(dir.resolve("backquery"));
        out().println("mynn demo: the book's network, trained and looked into; files go to " + dir);
        out().println("data: " + name + " (cache: " + source.dataDir() + ")");
        out().flush();
        Dataset train;
        Dataset test;
        int[] ends = network.ends();
        try (Warmup warm = runs.warmUp(run, ends[0], ends[1])) {
            train = source.load(name, Split.TRAIN);
            test = source.load(name, Split.TEST);
            warm.settle();
        }
        Runs.Prepared p;
        try {
            p = runs.prepare(run, train, test);
        } catch (SettingException e) {
            throw usage(e);
        }
        NeuralNetwork fresh = p.start();
        if (!fresh.canBackquery()) {
            String missing = fresh.activations().stream().filter(a -> !a.hasInverse()).findFirst().orElseThrow().name();
            throw usage("the demo draws backquery pictures, which need invertible activations, but '" + missing
                    + "' has no inverse (try mynn train instead)");
        }
        p.notes().forEach(n -> out().println("note: " + n));
        Trainer.Sets sets = p.sets();
        long start = System.nanoTime();
        Trainer.Outcome outcome = runs.train(p, TrainingSession.announce(terminal, run, fresh, sets.train(), run.epochs(),
                p.settings(), quiet, TrainingPosition.START, sets.test(), kernels), TrainingControl.none());
        double seconds = (System.nanoTime() - start) / 1e9;
        NeuralNetwork net = run.keepBest() && outcome.best() != null ? outcome.best() : outcome.network();
        out().printf(Locale.ROOT, "test accuracy %.4f%s after %d epoch%s, %.1f s in all%n", net.provenance().accuracy(),
                TrainingSession.interval(net.provenance().accuracy(), sets.test() == null ? 0 : sets.test().size()),
                net.provenance().history().size(), net.provenance().history().size() == 1 ? "" : "s", seconds);
        if (run.keepBest()) {
            out().printf(Locale.ROOT, "(kept epoch %d of %d, the best on the %,d images held out)%n",
                    net.provenance().history().size(), run.epochs(), run.validation());
        }
        if (run.book() && run.augment() == null && run.samples() == 0 && run.validation() == 0
                && run.rule() == BackpropRule.BOOK && run.order() == Order.FILE && isTheBooksSetup(net, name, run)) {
            out().println("(the seed's own numpy code reaches 0.9724-0.9742 with these settings on this data)");
        }
        List<String> written = new ArrayList<>();
        Path model = dir.resolve("model.json");
        models.save(net, model);
        written.add(model.toString());
        int side = NetworkViews.squareSide(net.inputSize());
        List<Tile> tiles = NetworkViews.backqueryAll(net, train.classes(), side, side);
        for (int k = 0; k < tiles.size(); k++) {
            Path png = backquery.resolve(k + ".png");
            sink.writePng(images.render(tiles.get(k).values(), side, side, tiles.get(k).map(), 10), png);
            written.add(png.toString());
        }
        Path grid = backquery.resolve("grid.png");
        sink.writePng(grids.grid(tiles, 5, 5, "what the network sees for each class"), grid);
        written.add(grid.toString());
        Path chart = dir.resolve("training.png");
        sink.writePng(charts.training(net.provenance().history(), "Training " + net.shape() + " on " + name, 800, 450), chart);
        written.add(chart.toString());
        out().println("wrote:");
        for (String w : written) {
            out().println("  " + w);
        }
        return 0;
    }

    private static boolean isTheBooksSetup(NeuralNetwork net, String name, RunSpec run) {
        return name.equals("mnist") && net.shape().equals("784-200-10") && run.epochs() == 5
                && net.learningRate() == 0.1 && net.activations().stream().allMatch(a -> a.name().equals("sigmoid"));
    }
}
