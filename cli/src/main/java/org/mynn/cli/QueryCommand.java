package org.mynn.cli;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mynn.core.NeuralNetwork;
import org.mynn.core.io.ModelJson;
import org.mynn.core.train.Evaluator;
import org.mynn.data.Dataset;
import org.mynn.data.DatasetSource;
import org.mynn.data.Encoding;
import org.mynn.data.PictureReader;
import org.mynn.data.Split;
import org.mynn.render.TerminalRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "query", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Ask a model what a picture shows: your own picture or a dataset record.",
        description = "Ask a model what a picture shows: your own (PNG, JPEG, GIF, BMP) or a dataset record.",
        footer = {"", "Examples:", "  mynn query --model model.json my_3.png", "  mynn query --model model.json --json *.png",
            "  mynn query --model model.json --dataset mnist --split test --index 0"})
final class QueryCommand extends BaseCommand {

    @Option(names = "--model", paramLabel = "MODEL.json", required = true, description = "the model to ask")
    Path model;

    @Parameters(paramLabel = "IMAGE", arity = "0..*", description = "pictures to ask about")
    List<Path> images = new ArrayList<>();

    @Mixin
    DatasetOption named;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "test", description = "with --dataset: train or test (default: ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--index", paramLabel = "N", description = "with --dataset: the record to ask about")
    Integer index;

    @Option(names = "--fit", paramLabel = "FIT", defaultValue = "mnist",
            description = "how a picture becomes 28x28: mnist (ink's box into 20x20, centred by mass; default) or plain (scaled whole)")
    String fit;

    @Option(names = "--json", description = "print the answers as JSON: an array of {source, label, class, scores}")
    boolean json;

    @Option(names = "--no-picture", description = "do not show the 28x28 the network saw")
    boolean noPicture;

    private final DatasetSource datasets;
    private final ModelJson models;
    private final PictureReader pictures;
    private final TerminalRenderer text;

    @Inject
    QueryCommand(Terminal terminal, DatasetSource datasets, ModelJson models, PictureReader pictures, TerminalRenderer text) {
        super(terminal);
        this.datasets = datasets;
        this.models = models;
        this.pictures = pictures;
        this.text = text;
    }

    /** One question: where it came from and the 28x28 the network sees. */
    record Question(String source, byte[] pixels, Integer knownLabel) {
    }

    @Override
    public Integer call() {
        if (images.isEmpty() == (named.dataset == null)) {
            throw usage(images.isEmpty() ? "give pictures to ask about, or --dataset NAME --index N"
                    : "give pictures or --dataset, not both");
        }
        if (named.dataset == null && index != null) {
            throw usage("--index needs --dataset");
        }
        NeuralNetwork net = models.load(model);
        List<String> classes = classNames(net);
        List<Question> questions = new ArrayList<>();
        if (named.dataset != null) {
            Dataset d = named.source(datasets).load(named.dataset, Split.parse(split));
            int i = index == null ? 0 : index;
            if (i < 0 || i >= d.size()) {
                throw usage("--index must be from 0 to " + (d.size() - 1) + " but is " + i);
            }
            questions.add(new Question(d.name() + " #" + i, d.image(i), d.label(i)));
        } else {
            PictureReader.Fit f = PictureReader.Fit.parse(fit);
            for (Path p : images) {
                questions.add(new Question(p.toString(), pictures.read(p, f).pixels(), null));
            }
        }
        if (net.inputSize() != questions.get(0).pixels().length) {
            throw new org.mynn.core.MynnException(model + ": the model takes " + net.inputSize()
                    + " inputs but pictures become 28x28 = " + questions.get(0).pixels().length);
        }
        List<Map<String, Object>> answers = new ArrayList<>();
        for (Question q : questions) {
            double[] scores = net.query(Encoding.inputs(q.pixels()));
            int label = Evaluator.argmax(scores);
            if (json) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("source", q.source());
                a.put("label", label);
                a.put("class", classes.get(label));
                List<Double> s = new ArrayList<>();
                for (double v : scores) {
                    s.add(Json.round(v));
                }
                a.put("scores", s);
                if (q.knownLabel() != null) {
                    a.put("trueLabel", q.knownLabel());
                }
                answers.add(a);
            } else {
                print(q, label, scores, classes);
            }
        }
        if (json) {
            out().println(Json.write(answers));
        }
        return 0;
    }

    private void print(Question q, int label, double[] scores, List<String> classes) {
        String truth = q.knownLabel() == null ? "" : "  (true label: " + classes.get(q.knownLabel()) + ")";
        out().printf(Locale.ROOT, "%s: %s (%.3f)%s%n", q.source(), classes.get(label), scores[label], truth);
        StringBuilder s = new StringBuilder("  scores:");
        for (int k = 0; k < scores.length; k++) {
            s.append(String.format(Locale.ROOT, "  %s %.3f", classes.get(k), scores[k]));
        }
        out().println(s);
        if (!noPicture) {
            double[] v = new double[q.pixels().length];
            for (int i = 0; i < v.length; i++) {
                v[i] = q.pixels()[i] & 0xff;
            }
            out().println("  what the network saw:");
            int side = (int) Math.round(Math.sqrt(v.length));
            for (String line : text.render(v, side, side, terminal.ansi()).split("\n")) {
                out().println("  " + line);
            }
        }
    }
}
