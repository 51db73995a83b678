package org.mynn.cli.command;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mynn.cli.option.DatasetOption;
import org.mynn.cli.option.JsonOption;
import org.mynn.cli.option.ModelFile;
import org.mynn.cli.option.TestFiles;
import org.mynn.cli.service.Jsons;
import org.mynn.cli.service.Models;
import org.mynn.cli.terminal.Outputs;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.train.Evaluation;
import org.mynn.core.train.Evaluator;
import org.mynn.data.Dataset;
import org.mynn.data.DatasetSource;
import org.mynn.render.GridRenderer;
import org.mynn.render.ImageSink;
import org.mynn.render.Tile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "test", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Test a model: accuracy, precision and recall per class, confusion matrix.",
        description = "Test a model: accuracy (the seed's scorecard), per-class precision and recall, confusion matrix.",
        footer = {"", "Examples:", "  mynn test --model model.json", "  mynn test --model model.json --json",
            "  mynn test --model model.json --test mnist_test.csv --errors mistakes.png"})
public final class TestCommand extends BaseCommand {

    @Mixin
    ModelFile model;
    @Mixin
    DatasetOption named;
    @Mixin
    TestFiles testFiles;

    @Mixin
    JsonOption json;

    @Option(names = "--errors", paramLabel = "FILE.png", description = "draw the worst mistakes into this picture")
    Path errors;

    @Option(names = "--count", paramLabel = "N", defaultValue = "25", description = "how many mistakes --errors draws (default: ${DEFAULT-VALUE})")
    int count;

    @Inject
    DatasetSource datasets;
    @Inject
    Models models;
    @Inject
    GridRenderer grids;
    @Inject
    ImageSink images;

    /** A wrong answer: which sample, what the network said and how sure it was. */
    record Mistake(int index, int label, int said, double score) {
    }

    @Override
    public Integer call() {
        if (count < 1) {
            throw usage("--count must be at least 1 but is " + count);
        }
        Outputs.file(spec, "--errors", errors, Outputs.in("--model", model.path), Outputs.in("--test", testFiles.test),
                Outputs.in("--test-labels", testFiles.testLabels));
        Models.Loaded loaded = model.load(models);
        NeuralNetwork net = loaded.net();
        List<String> classes = loaded.classes();
        Dataset test = testFiles.load(named, datasets, false, classes);
        String differ = Models.classesDiffer(loaded, test);
        if (differ != null) {
            terminal.err().println("mynn: " + differ);
        }
        if (errors != null) {
            grids.checkSize(Math.min(count, test.size()), Tile.ofPixels(test.image(0), test.rows(), test.cols(),
                    "true 0 / said 0 (0.00)"), 5, 5, "the surest mistakes");
        }
        // a short test runs faster on the scalar kernels than the vector ones are compiled (the same bits)
        net = models.forWork(loaded, test.size()).net();
        List<Mistake> mistakes = new ArrayList<>();
        Evaluation e = errors == null ? Evaluator.evaluate(net, test, org.mynn.core.run.RunSpec.defaultThreads())
                : Evaluator.evaluate(net, test, (i, label, said, outputs) -> {
                    if (label != said) {
                        mistakes.add(new Mistake(i, label, said, outputs[said]));
                    }
                });
        if (json.on()) {
            out().println(Jsons.write(json(test, classes, e)));
        } else {
            print(test, classes, e);
        }
        if (errors != null) {
            mistakes.sort(Comparator.comparingDouble(Mistake::score).reversed());
            List<Tile> tiles = new ArrayList<>();
            for (Mistake m : mistakes.subList(0, Math.min(count, mistakes.size()))) {
                tiles.add(Tile.ofPixels(test.image(m.index()), test.rows(), test.cols(), String.format(Locale.ROOT,
                        "true %s / said %s (%.2f)", classes.get(m.label()), classes.get(m.said()), m.score())));
            }
            if (tiles.isEmpty()) {
                terminal.err().println("no mistakes to draw: every sample was right");
            } else {
                images.writePng(grids.grid(tiles, 5, 5, "the " + tiles.size() + " surest mistakes"), errors);
                if (!json.on()) {
                    out().println("wrote " + errors + " (" + tiles.size() + " mistakes)");
                }
            }
        }
        return 0;
    }

    private void print(Dataset test, List<String> classes, Evaluation e) {
        int n = e.count();
        int right = (int) Math.round(e.accuracy() * n);
        double[] ci = e.interval95();
        out().printf(Locale.ROOT, "%s: %,d samples%naccuracy %.4f (%,d of %,d right)  mean squared error %.5f%n"
                + "95%% interval of the accuracy: %.4f to %.4f (Wilson score interval over these %,d images: what the"
                + " accuracy on all such digits is, with 95%% confidence)%n%n", test.name(), n, e.accuracy(), right, n, e.mse(), ci[0], ci[1], n);
        int w = Math.max(5, classes.stream().mapToInt(String::length).max().orElse(1));
        out().printf(Locale.ROOT, "%-" + w + "s  %9s  %7s  %6s%n", "class", "precision", "recall", "count");
        for (int k = 0; k < classes.size(); k++) {
            int actual = 0;
            for (int c : e.confusion()[k]) {
                actual += c;
            }
            out().printf(Locale.ROOT, "%-" + w + "s  %9.4f  %7.4f  %6d%n", classes.get(k), e.precision(k), e.recall(k), actual);
        }
        out().println();
        out().println("confusion matrix (rows: true class, columns: predicted)");
        StringBuilder head = new StringBuilder(" ".repeat(w));
        for (int k = 0; k < classes.size(); k++) {
            head.append(String.format(Locale.ROOT, " %5d", k));
        }
        out().println(head);
        for (int t = 0; t < classes.size(); t++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-" + w + "s", t));
            for (int p = 0; p < classes.size(); p++) {
                row.append(String.format(Locale.ROOT, " %5d", e.confusion()[t][p]));
            }
            out().println(row);
        }
    }

    private static Map<String, Object> json(Dataset test, List<String> classes, Evaluation e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", test.name());
        m.put("count", e.count());
        m.put("accuracy", e.accuracy());
        m.put("interval95", e.interval95());
        m.put("mse", Jsons.round(e.mse()));
        m.put("classes", classes);
        List<Double> precision = new ArrayList<>();
        List<Double> recall = new ArrayList<>();
        for (int k = 0; k < classes.size(); k++) {
            precision.add(Jsons.round(e.precision(k)));
            recall.add(Jsons.round(e.recall(k)));
        }
        m.put("precision", precision);
        m.put("recall", recall);
        m.put("confusion", e.confusion());
        return m;
    }
}
