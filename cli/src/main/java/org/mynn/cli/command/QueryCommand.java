package org.mynn.cli.command;

import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mynn.cli.option.DatasetOption;
import org.mynn.cli.option.JsonOption;
import org.mynn.cli.option.ModelFile;
import org.mynn.cli.service.Jsons;
import org.mynn.cli.service.Models;
import org.mynn.cli.service.QueryService.Answer;
import org.mynn.cli.service.QueryService.Question;
import org.mynn.cli.service.QueryService;
import org.mynn.cli.terminal.Outputs;
import org.mynn.core.MynnException;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.data.Dataset;
import org.mynn.data.DatasetSource;
import org.mynn.data.PictureReader;
import org.mynn.data.Split;
import org.mynn.render.ImageSink;
import org.mynn.render.TerminalRenderer;
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
public final class QueryCommand extends BaseCommand {

    @Mixin
    ModelFile model;

    @Parameters(paramLabel = "IMAGE|FOLDER", arity = "0..*", description = "pictures, or folders of pictures, to ask about")
    List<Path> images = new ArrayList<>();

    @Mixin
    DatasetOption named;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "test",
            description = "with --dataset: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Split split;

    @Option(names = "--index", paramLabel = "N", description = "with --dataset: the record to ask about")
    Integer index;

    @Option(names = "--fit", paramLabel = "FIT", defaultValue = "mnist",
            description = "how a picture becomes 28x28: mnist (ink's box into 20x20, centred by mass; default) or plain (scaled whole)")
    PictureReader.Fit fit;

    @Mixin
    JsonOption json;

    @Option(names = "--no-picture", description = "do not show the 28x28 the network saw")
    boolean noPicture;

    @Option(names = "--sheet", paramLabel = "FILE.png",
            description = "a contact sheet of what the network saw, with its answers (default for a folder: query-sheet.png)")
    Path sheet;

    @Option(names = "--explain", paramLabel = "FILE.png",
            description = "for one picture: the input, input x gradient of the answer (red for, blue against), and its backquery")
    Path explain;

    @Inject
    DatasetSource datasets;
    @Inject
    Models models;
    @Inject
    QueryService queries;
    @Inject
    TerminalRenderer text;
    @Inject
    ImageSink sink;

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
        List<Outputs.Input> inputs = new ArrayList<>();
        inputs.add(Outputs.in("--model", model.path));
        for (Path p : images) {
            inputs.add(Outputs.in("a picture", p));
        }
        Outputs.file(spec, "--sheet", sheetFile, inputs.toArray(Outputs.Input[]::new));
        inputs.add(Outputs.in("--sheet", sheetFile));
        Outputs.file(spec, "--explain", explain, inputs.toArray(Outputs.Input[]::new));
        Models.Loaded m = model.load(models);
        List<Question> questions = questions(m);
        if (explain != null && questions.size() != 1) {
            throw usage("--explain draws one picture; give one picture (or one record) instead of " + questions.size());
        }
        if (m.net().inputSize() != questions.get(0).pixels().length) {
            throw new MynnException(model.path + ": the model takes " + m.net().inputSize()
                    + " inputs but pictures become 28x28 = " + questions.get(0).pixels().length);
        }
        // a few pictures run faster on the scalar kernels than the vector ones are compiled (the same bits)
        NeuralNetwork net = models.forWork(m, questions.size()).net();
        List<Answer> answers = new ArrayList<>();
        for (Question q : questions) {
            answers.add(queries.ask(net, m.classes(), q));
            if (q.blank()) {
                terminal.err().println("mynn: warning: " + q.source() + " " + QueryService.NO_INK);
            }
        }
        if (json.on()) {
            out().println(Jsons.write(answers.stream().map(QueryService::json).toList()));
        } else if (questions.size() > 1) {
            table(answers, m.classes());
        } else {
            print(answers.get(0), m.classes());
        }
        if (sheetFile != null) {
            sink.writePng(queries.contactSheet(answers), sheetFile);
            if (!json.on()) {
                out().println("wrote " + sheetFile);
            }
        }
        if (explain != null) {
            sink.writePng(queries.explain(net, answers.get(0)), explain);
            if (!json.on()) {
                out().println("wrote " + explain);
            }
        }
        return 0;
    }

    private List<Question> questions(Models.Loaded m) throws IOException {
        if (named.dataset != null) {
            Dataset d = named.load(datasets, split);
            if (d.classCount() != m.net().outputSize()) {
                throw new MynnException(model.path + ": the model has " + m.net().outputSize() + " outputs but " + d.name()
                        + " has " + d.classCount() + " classes " + d.classes() + "; ask it about data of its own classes "
                        + m.classes());
            }
            int i = index == null ? 0 : index;
            if (i < 0 || i >= d.size()) {
                throw usage("--index must be from 0 to " + (d.size() - 1) + " but is " + i);
            }
            return List.of(queries.record(d, i));
        }
        return queries.pictures(images, fit);
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
            out().printf(Locale.ROOT, "%-" + w + "s  %-8s %6.3f  %s%n", a.question().source(), a.className(), a.score(), verdict);
        }
        if (known > 0) {
            out().printf(Locale.ROOT, "%d of %d right (of those whose file name gives a label)%n", right, known);
        }
    }

    private void print(Answer a, List<String> classes) {
        Question q = a.question();
        double[] scores = a.scores();
        String truth = q.knownLabel() == null ? "" : q.knownLabel() < classes.size()
                ? "  (true label: " + classes.get(q.knownLabel()) + ")"
                : "  (its name says " + q.knownLabel() + ", which is not one of the model's " + classes.size() + " classes)";
        out().printf(Locale.ROOT, "%s: %s (%.3f)%s%n", q.source(), a.className(), a.score(), truth);
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
