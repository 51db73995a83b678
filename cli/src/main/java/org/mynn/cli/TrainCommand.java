package org.mynn.cli;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Locale;
import org.mynn.core.NeuralNetwork;
import org.mynn.core.train.TrainingOptions;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.io.ModelJson;
import org.mynn.data.Dataset;
import org.mynn.data.DatasetSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Train a new network with the book's per-sample SGD and save it as JSON.",
        description = "Train a new network with the book's per-sample SGD and save it as JSON.",
        footer = {"", "Examples:", "  mynn train --out model.json                       (mnist, 784-200-10, 5 epochs)",
            "  mynn train --dataset fashion-mnist --hidden 300 --epochs 10 --out fashion.json",
            "  mynn train --train mnist_train.csv --test mnist_test.csv --lr 0.2 --out m.json"})
final class TrainCommand extends BaseCommand {

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

    @Option(names = "--seed", paramLabel = "N", description = "random seed of the initial weights (default: a random one, printed)")
    Long seed;

    @Option(names = "--out", paramLabel = "MODEL.json", required = true, description = "where to save the model")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "no progress bar")
    boolean quiet;

    private final DatasetSource datasets;
    private final ActivationRegistry activations;
    private final ModelJson models;

    @Inject
    TrainCommand(Terminal terminal, DatasetSource datasets, ActivationRegistry activations, ModelJson models) {
        super(terminal);
        this.datasets = datasets;
        this.activations = activations;
        this.models = models;
    }

    @Override
    public Integer call() {
        network.validate(spec);
        TrainingOptions runOptions = speed.options(spec);
        checkWritable(out);
        Dataset train = DataChoice.train(spec, named, trainFiles, datasets);
        Dataset test = DataChoice.test(spec, named, testFiles, datasets, trainFiles.train != null, train.classes());
        NeuralNetwork net = network.build(spec, train, activations, seed);
        TrainingSession.run(terminal, net, train, test, network.epochs, runOptions, quiet);
        models.save(net, out);
        Double acc = net.facts().getAccuracy();
        out().println(acc == null ? "saved " + out : String.format(Locale.ROOT, "saved %s (test accuracy %.4f)", out, acc));
        return 0;
    }
}
