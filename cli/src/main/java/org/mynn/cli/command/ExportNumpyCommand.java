package org.mynn.cli.command;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.mynn.cli.option.ModelFile;
import org.mynn.cli.service.Models;
import org.mynn.cli.terminal.Outputs;
import org.mynn.core.io.NumpyArrays;
import org.mynn.core.model.NeuralNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export-numpy", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Write a model's weights as numpy .npy files for the book's Python code.",
        description = "Write a model's weight matrices as float64 .npy files: --wih and --who for the book's three layers,"
                + " or --weights for any depth.",
        footer = {"", "Then in Python:", "  n.wih = numpy.load('wih.npy'); n.who = numpy.load('who.npy')"})
public final class ExportNumpyCommand extends BaseCommand {

    @Mixin
    ModelFile model;

    @Option(names = "--wih", paramLabel = "FILE.npy", description = "where the input-to-hidden weights go")
    Path wih;

    @Option(names = "--who", paramLabel = "FILE.npy", description = "where the hidden-to-output weights go")
    Path who;

    @Option(names = "--weights", paramLabel = "FILE.npy", split = ",", description = "one file per weight matrix, in order")
    List<Path> weights = new ArrayList<>();

    @Inject
    Models models;


    @Option(names = "--biases", paramLabel = "FILE.npy", split = ",",
            description = "one file per bias vector, in order (for a model trained with --bias)")
    List<Path> biases = new ArrayList<>();

    @Override
    public Integer call() {
        List<Path> files = new ArrayList<>(weights);
        if ((wih == null) != (who == null) || (wih != null && !files.isEmpty())) {
            throw usage("give --wih and --who, or --weights, not a mix");
        }
        if (wih != null) {
            files = List.of(wih, who);
        }
        if (files.isEmpty()) {
            throw usage("say where the weights go: --wih FILE --who FILE, or --weights FILE,FILE,...");
        }
        String option = wih != null ? "--wih/--who" : "--weights";
        for (int i = 0; i < files.size(); i++) {
            Outputs.Input[] others = new Outputs.Input[i + 1];
            others[0] = Outputs.in("--model", model.path);
            for (int j = 0; j < i; j++) {
                others[j + 1] = Outputs.in(option, files.get(j));
            }
            Outputs.file(spec, option, files.get(i), others);
        }
        for (int i = 0; i < biases.size(); i++) {
            List<Outputs.Input> others = new ArrayList<>();
            others.add(Outputs.in("--model", model.path));
            for (Path f : files) {
                others.add(Outputs.in(option, f));
            }
            for (int j = 0; j < i; j++) {
                others.add(Outputs.in("--biases", biases.get(j)));
            }
            Outputs.file(spec, "--biases", biases.get(i), others.toArray(Outputs.Input[]::new));
        }
        NeuralNetwork net = models.load(model.path).net();
        if (files.size() != net.depth()) {
            throw usage(model.path + " has " + net.depth() + " weight matrices but " + files.size() + " files were given");
        }
        if (net.hasBiases() && biases.size() != net.depth()) {
            throw usage(model.path + " has " + net.depth() + " bias vectors (trained with --bias); say where they go with"
                    + " --biases FILE,... (" + net.depth() + " files), or the network written would not be the one trained");
        }
        if (!net.hasBiases() && !biases.isEmpty()) {
            throw usage(model.path + " has no biases, so --biases has nothing to write");
        }
        for (int k = 0; k < files.size(); k++) {
            DMatrixRMaj w = net.weights(k);
            NumpyArrays.write(files.get(k), w.numRows, w.numCols, w.data);
            out().println("wrote " + files.get(k) + " (" + w.numRows + "x" + w.numCols + " float64)");
        }
        for (int k = 0; k < biases.size(); k++) {
            double[] b = net.biases(k);
            NumpyArrays.write(biases.get(k), b.length, 1, b);
            out().println("wrote " + biases.get(k) + " (" + b.length + "x1 float64)");
        }
        if (net.hasBiases() || !net.loss().name().equals("mse")
                || net.activations().stream().anyMatch(a -> !a.name().equals("sigmoid"))) {
            out().println("note: the book's Python network has sigmoid layers and no biases; this model ("
                    + String.join(",", net.activations().stream().map(a -> a.name()).toList())
                    + (net.hasBiases() ? ", biases" : "") + ") needs code that does what it does");
        }
        return 0;
    }
}
