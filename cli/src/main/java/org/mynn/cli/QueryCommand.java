package org.mynn.cli;

import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.mynn.core.MynnException;
import org.mynn.core.NeuralNetwork;
import org.mynn.core.io.ModelJson;
import org.mynn.core.train.Evaluator;
import org.mynn.data.Dataset;
import org.mynn.data.DatasetSource;
import org.mynn.data.Encoding;
import org.mynn.data.PictureReader;
import org.mynn.data.Split;
import org.mynn.render.ColorMap;
import org.mynn.render.GridRenderer;
import org.mynn.render.ImageSink;
import org.mynn.render.NetworkViews;
import org.mynn.render.TerminalRenderer;
import org.mynn.render.Tile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "query", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Ask a model what a picture shows: your own pictures, a folder of them, or a dataset record.",
        description = "Ask a model what a picture shows: your own (PNG, JPEG, GIF, BMP; dark ink on light paper or light"
                + " on dark), every picture in a folder (a table, and a contact sheet of what the network saw; a digit ending"
                + " a file name, as in my_3.png, is taken as its label), or a dataset record. --explain draws which pixels"
                + " pushed the answer up or down.",
        footer = {"", "Examples:", "  mynn query --model model.json my_3.png", "  mynn query --model model.json my-digits/",
            "  mynn query --model model.json --json *.png", "  mynn query --model model.json my_3.png --explain why.png",
            "  mynn query --model model.json --dataset mnist --split test --index 0"})
final class QueryCommand extends BaseCommand {

    private static final Pattern LABEL_IN_NAME = Pattern.compile("(?:^|[_\\- .])([0-9])$");

    @Option(names = "--model", paramLabel = "MODEL.json", required = true, description = "the model to ask")
    Path model;

    @Parameters(paramLabel = "IMAGE|FOLDER", arity = "0..*", description = "pictures, or folders of pictures, to ask about")
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

    @Option(names = "--sheet", paramLabel = "FILE.png",
            description = "a contact sheet of what the network saw, with its answers (default for a folder: query-sheet.png)")
    Path sheet;

    @Option(names = "--explain", paramLabel = "FILE.png",
            description = "for one picture: the input, input x gradient of the answer (red for, blue against), and its backquery")
    Path explain;

    private final DatasetSource datasets;
    private final ModelJson models;
    private final PictureReader pictures;
    private final TerminalRenderer text;
    private final GridRenderer grids;
    private final ImageSink sink;

    @Inject
    QueryCommand(Terminal terminal, DatasetSource datasets, ModelJson models, PictureReader pictures, TerminalRenderer text,
            GridRenderer grids, ImageSink sink) {
        super(terminal);
        this.datasets = datasets;
        this.models = models;
        this.pictures = pictures;
        this.text = text;
        this.grids = grids;
        this.sink = sink;
    }

    /** One question: where it came from, the 28x28 the network sees, and the label if known. */
    record Question(String source, byte[] pixels, Integer knownLabel) {
    }

    /** A question with the network's answer. */
    record Answer(Question question, int label, double[] scores) {
    }

    @Override
    public Integer call() throws IOException {
        if (images.isEmpty() == (named.dataset == null)) {
            throw usage(images.isEmpty() ? "give pictures to ask about, or --dataset NAME --index N"
                    : "give pictures or --dataset, not both");
        }
        if (named.dataset == null && index != null) {
            throw usage("--index needs --dataset");
        }
        boolean folder = images.stream().anyMatch(Files::isDirectory);
        Path sheetFile = sheet != null ? sheet : folder ? Path.of("query-sheet.png") : null;
        if (sheetFile != null) {
            checkWritable(sheetFile);
        }
        if (explain != null) {
            checkWritable(explain);
        }
        NeuralNetwork net = models.load(model);
        List<String> classes = classNames(net);
        List<Question> questions = questions();
        if (explain != null && questions.size() != 1) {
            throw usage("--explain draws one picture; give one picture (or one record) instead of " + questions.size());
        }
        if (net.inputSize() != questions.get(0).pixels().length) {
            throw new MynnException(model + ": the model takes " + net.inputSize()
                    + " inputs but pictures become 28x28 = " + questions.get(0).pixels().length);
        }
        List<Answer> answers = new ArrayList<>();
        for (Question q : questions) {
            double[] scores = net.query(Encoding.inputs(q.pixels()));
            answers.add(new Answer(q, Evaluator.argmax(scores), scores));
        }
        if (json) {
            out().println(Json.write(answers.stream().map(a -> json(a, classes)).toList()));
        } else if (questions.size() > 1) {
            table(answers, classes);
        } else {
            print(answers.get(0), classes);
        }
        if (sheetFile != null) {
            List<Tile> tiles = new ArrayList<>();
            for (Answer a : answers) {
                String mark = a.question().knownLabel() == null ? "" : a.question().knownLabel() == a.label() ? " ok" : " wrong";
                tiles.add(Tile.ofPixels(a.question().pixels(), 28, 28, shortName(a.question().source()) + ": "
                        + classes.get(a.label()) + String.format(Locale.ROOT, " (%.2f)", a.scores()[a.label()]) + mark));
            }
            sink.writePng(grids.grid(tiles, Math.min(6, tiles.size()), 5, "what the network saw, and what it said"), sheetFile);
            if (!json) {
                out().println("wrote " + sheetFile);
            }
        }
        if (explain != null) {
            explain(net, answers.get(0), classes);
            if (!json) {
                out().println("wrote " + explain);
            }
        }
        return 0;
    }

    private List<Question> questions() throws IOException {
        List<Question> questions = new ArrayList<>();
        if (named.dataset != null) {
            Dataset d = named.source(datasets).load(named.dataset, Split.parse(split));
            int i = index == null ? 0 : index;
            if (i < 0 || i >= d.size()) {
                throw usage("--index must be from 0 to " + (d.size() - 1) + " but is " + i);
            }
            questions.add(new Question(d.name() + " #" + i, d.image(i), d.label(i)));
            return questions;
        }
        PictureReader.Fit f = PictureReader.Fit.parse(fit);
        for (Path p : images) {
            if (Files.isDirectory(p)) {
                List<Path> inside;
                try (Stream<Path> files = Files.list(p)) {
                    inside = files.filter(QueryCommand::isPicture).sorted().toList();
                }
                if (inside.isEmpty()) {
                    throw new MynnException(p + ": has no pictures (.png, .jpg, .jpeg, .gif, .bmp)");
                }
                for (Path q : inside) {
                    questions.add(new Question(q.toString(), pictures.read(q, f).pixels(), labelInName(q)));
                }
            } else {
                questions.add(new Question(p.toString(), pictures.read(p, f).pixels(), labelInName(p)));
            }
        }
        return questions;
    }

    static boolean isPicture(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".gif")
                || n.endsWith(".bmp"));
    }

    /**
     * @return the digit that ends the file name (before its extension) after a separator, or alone: my_3.png,
     *         seven-7.jpg and 3.png give 3, 7 and 3; photo1.png gives nothing (the 1 may count photos)
     */
    static Integer labelInName(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        Matcher m = LABEL_IN_NAME.matcher(dot > 0 ? name.substring(0, dot) : name);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    private static String shortName(String source) {
        int slash = source.lastIndexOf('/');
        return slash >= 0 && source.indexOf('#') < 0 ? source.substring(slash + 1) : source;
    }

    private static Map<String, Object> json(Answer a, List<String> classes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", a.question().source());
        m.put("label", a.label());
        m.put("class", classes.get(a.label()));
        List<Double> s = new ArrayList<>();
        for (double v : a.scores()) {
            s.add(Json.round(v));
        }
        m.put("scores", s);
        if (a.question().knownLabel() != null) {
            m.put("trueLabel", a.question().knownLabel());
        }
        return m;
    }

    private void table(List<Answer> answers, List<String> classes) {
        int w = Math.max(4, answers.stream().mapToInt(a -> a.question().source().length()).max().orElse(4));
        out().printf(Locale.ROOT, "%-" + w + "s  %-8s %6s  %-10s%n", "file", "says", "score", "name says");
        int known = 0;
        int right = 0;
        for (Answer a : answers) {
            Integer truth = a.question().knownLabel();
            String verdict = "";
            if (truth != null && truth < classes.size()) {
                known++;
                right += truth == a.label() ? 1 : 0;
                verdict = classes.get(truth) + (truth == a.label() ? "  ok" : "  wrong");
            }
            out().printf(Locale.ROOT, "%-" + w + "s  %-8s %6.3f  %s%n", a.question().source(), classes.get(a.label()),
                    a.scores()[a.label()], verdict);
        }
        if (known > 0) {
            out().printf(Locale.ROOT, "%d of %d right (of those whose file name gives a label)%n", right, known);
        }
    }

    private void print(Answer a, List<String> classes) {
        Question q = a.question();
        double[] scores = a.scores();
        int label = a.label();
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

    /** The input, input x gradient of the winning score (diverging), and the backquery of the winner, side by side. */
    private void explain(NeuralNetwork net, Answer a, List<String> classes) {
        double[] x = Encoding.inputs(a.question().pixels());
        double[] g = net.inputGradient(x, a.label());
        double[] attribution = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            attribution[i] = x[i] * g[i];
        }
        String name = classes.get(a.label());
        List<Tile> tiles = new ArrayList<>();
        tiles.add(Tile.ofPixels(a.question().pixels(), 28, 28, "what it saw"));
        tiles.add(new Tile(attribution, 28, 28, "for (red) and against (blue) " + name, ColorMap.DIVERGING));
        boolean invertible = net.activations().stream().allMatch(org.mynn.core.activation.Activation::hasInverse);
        if (invertible) {
            tiles.add(NetworkViews.backquery(net, a.label(), "what it sees for " + name, 28, 28));
        }
        sink.writePng(grids.grid(tiles, tiles.size(), 8, String.format(Locale.ROOT, "why %s (%.2f)", name,
                a.scores()[a.label()])), explain);
    }
}
