package org.mynn.cli.command;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mynn.cli.service.LearningCurves;
import org.mynn.cli.service.LearningCurves.Axis;
import org.mynn.cli.service.LearningCurves.Run;
import org.mynn.cli.service.Models;
import org.mynn.cli.terminal.Outputs;
import org.mynn.render.ChartRenderer;
import org.mynn.render.ImageSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "curves", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Draw the learning curves that model files record, on one chart.",
        description = "Draw the test accuracy each model file recorded after every epoch, against the minutes of"
                + " training (the epochs' seconds summed; the tests after each epoch not counted) or against the epoch,"
                + " one line per model; print each run's best and last accuracy, and when it first reached --target.",
        footer = {"", "Examples:", "  mynn curves a.json b.json --out curves.png",
            "  mynn curves runs/*.json --target 0.99 --x epochs --out curves.png"})
public final class CurvesCommand extends BaseCommand {

    @Parameters(arity = "1..*", paramLabel = "MODEL.json", description = "model files trained with test data")
    List<Path> files;

    @Option(names = "--out", paramLabel = "FILE.png", defaultValue = "curves.png", description = "the chart (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--x", paramLabel = "AXIS", defaultValue = "minutes", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Axis axis;

    @Option(names = "--target", paramLabel = "ACCURACY", description = "an accuracy to reach, e.g. 0.99: drawn as a line, and when each run first reached it printed")
    Double target;

    @Option(names = "--label", paramLabel = "NAME", description = "the legend's name of each model, in order (default: the file names)")
    List<String> labels;

    @Option(names = "--title", paramLabel = "TEXT", defaultValue = "test accuracy", description = "the chart's title (default: ${DEFAULT-VALUE})")
    String title;

    @Inject
    Models models;
    @Inject
    ChartRenderer charts;
    @Inject
    ImageSink images;

    @Override
    public Integer call() {
        if (target != null && !(target > 0 && target <= 1)) {
            throw usage("--target must be an accuracy above 0 and at most 1, not " + target);
        }
        if (labels != null && labels.size() != files.size()) {
            throw usage("--label is given " + labels.size() + " times for " + files.size() + " model files; give one per file or none");
        }
        List<Outputs.Input> inputs = new ArrayList<>();
        files.forEach(f -> inputs.add(Outputs.in("MODEL.json", f)));
        Outputs.file(spec, "--out", out, inputs.toArray(Outputs.Input[]::new));
        double goal = target == null ? Double.NaN : target;
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            String name = labels == null ? LearningCurves.nameOf(f) : labels.get(i);
            runs.add(LearningCurves.of(name, f, models.load(f).net().provenance(), goal));
        }
        images.writePng(charts.curves(title, axis.label(), runs.stream().map(r -> r.curve(axis)).toList(), goal, 900, 560), out);
        // the first column as wide as the longest name, so that long --label names keep the columns aligned
        int width = Math.max(28, runs.stream().mapToInt(r -> r.name().length()).max().orElse(0));
        out().println(String.format(Locale.ROOT, "%-" + width + "s %7s %6s %16s %8s%s", "run", "epochs", "last", "best (epoch)",
                "minutes", target == null ? "" : "  first at " + target));
        for (Run r : runs) {
            int last = r.accuracy().length - 1;
            int best = r.best();
            String reached = target == null ? "" : r.reached() < 0 ? "  not reached"
                    : String.format(Locale.ROOT, "  epoch %d, %.1f min", r.epoch()[r.reached()], r.minutes()[r.reached()]);
            out().println(String.format(Locale.ROOT, "%-" + width + "s %7d %6.4f %9.4f (%4d) %8.1f%s", r.name(), r.epoch()[last],
                    r.accuracy()[last], r.accuracy()[best], r.epoch()[best], r.minutes()[last], reached));
        }
        out().println("wrote " + out);
        return 0;
    }
}
