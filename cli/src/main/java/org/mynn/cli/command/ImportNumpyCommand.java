package org.mynn.cli.command;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.mynn.cli.option.ActivationOption;
import org.mynn.cli.service.Models;
import org.mynn.cli.terminal.Outputs;
import org.mynn.core.MynnException;
import org.mynn.core.activation.Activation;
import org.mynn.core.io.NumpyArrays;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "import-numpy", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Build a model from the book's Python network saved with numpy (wih.npy, who.npy).",
        description = "Build a model from weight matrices saved with numpy.save: the book's wih (hidden x inputs) and who"
                + " (outputs x hidden), float64 or float32, C or Fortran order; or any number of matrices with --weights.",
        footer = {"", "In Python, after training the book's network n:",
            "  numpy.save('wih.npy', n.wih); numpy.save('who.npy', n.who)",
            "Then:", "  mynn import-numpy --wih wih.npy --who who.npy --out model.json", "  mynn test --model model.json"})
public final class ImportNumpyCommand extends BaseCommand {

    @Option(names = "--wih", paramLabel = "FILE.npy", description = "input-to-hidden weights, hidden x inputs")
    Path wih;

    @Option(names = "--who", paramLabel = "FILE.npy", description = "hidden-to-output weights, outputs x hidden")
    Path who;

    @Option(names = "--weights", paramLabel = "FILE.npy", split = ",", description = "all weight matrices in order, for deeper networks")
    List<Path> weights = new ArrayList<>();

    @Mixin
    ActivationOption activation;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.1", description = "learning rate to record (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--out", paramLabel = "MODEL.json", required = true, description = "the model to write")
    Path out;

    @Inject
    org.mynn.cli.service.Runs runs;
    @Inject
    Models models;


    @Override
    public Integer call() {
        List<Path> files = new ArrayList<>(weights);
        if ((wih == null) != (who == null)) {
            throw usage("give both --wih and --who");
        }
        if (wih != null) {
            if (!files.isEmpty()) {
                throw usage("give --wih and --who, or --weights, not both");
            }
            files.add(wih);
            files.add(who);
        }
        if (files.isEmpty()) {
            throw usage("give the weights: --wih FILE --who FILE, or --weights FILE,FILE,...");
        }
        Outputs.file(spec, "--out", out, files.stream().map(f -> Outputs.in(wih != null ? "--wih/--who" : "--weights", f))
                .toArray(Outputs.Input[]::new));
        DMatrixRMaj[] matrices = new DMatrixRMaj[files.size()];
        int[] layers = new int[files.size() + 1];
        for (int k = 0; k < files.size(); k++) {
            NumpyArrays.Matrix m = NumpyArrays.read(files.get(k));
            for (int i = 0; i < m.data().length; i++) {
                double v = m.data()[i];
                if (!Double.isFinite(v) || Math.abs(v) > NeuralNetwork.MAX_WEIGHT) {
                    throw new MynnException(files.get(k) + ": element (" + i / m.cols() + ", " + i % m.cols() + ") is " + v
                            + "; a model's weights are finite numbers within ±1e100");
                }
            }
            if (k == 0) {
                layers[0] = m.cols();
            } else if (m.cols() != layers[k]) {
                throw new MynnException(files.get(k) + ": has " + m.cols() + " columns but " + files.get(k - 1) + " has "
                        + layers[k] + " rows; each matrix must take the outputs of the one before (rows = the next layer)");
            }
            layers[k + 1] = m.rows();
            matrices[k] = DMatrixRMaj.wrap(m.rows(), m.cols(), m.data());
        }
        Provenance facts = new Provenance.Builder().dataset("imported from numpy: " + files)
                .created(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()).build();
        // the activations' names and count, and the rate, checked by the run specification once the layers are known
        List<Activation> acts = spec(activation.fill(runs.spec().layers(Arrays.stream(layers).boxed().toList())).lr(lr))
                .activations();
        NeuralNetwork net = NeuralNetwork.of(layers, acts, lr, matrices, facts);
        models.save(net, out);
        out().println("wrote " + out + " (" + net.shape() + ", " + String.join(",", activation.names()) + ")");
        return 0;
    }
}
