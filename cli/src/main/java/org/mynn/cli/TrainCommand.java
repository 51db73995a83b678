package org.mynn.cli;

import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.mynn.core.MynnException;
import org.mynn.core.NeuralNetwork;
import org.mynn.core.Precision;
import org.mynn.core.TrainingFacts;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.io.ModelJson;
import org.mynn.core.train.TrainingControl;
import org.mynn.core.train.TrainingDivergedException;
import org.mynn.core.train.TrainingOptions;
import org.mynn.core.train.TrainingPosition;
import org.mynn.data.Augment;
import org.mynn.data.Dataset;
import org.mynn.data.DatasetSource;
import org.mynn.data.Datasets;
import org.mynn.data.Split;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Train a new network with the book's per-sample SGD and save it as JSON.",
        description = "Train a new network with the book's per-sample SGD and save it as JSON. Ctrl-C stops at the end of"
                + " the sample under way and saves a checkpoint (unless --no-save); --resume continues it, and the result"
                + " is bit for bit the run that was never interrupted.",
        footer = {"", "Examples:", "  mynn train --out model.json                       (mnist, 784-200-10, 5 epochs)",
            "  mynn train --dataset fashion-mnist --hidden 300 --epochs 10 --out fashion.json",
            "  mynn train --train mnist_train.csv --test mnist_test.csv --lr 0.2 --out m.json",
            "  mynn train --epochs 20 --checkpoint-every 1 --out m.json       (a checkpoint after every epoch)",
            "  mynn train --resume m.checkpoint.json --out m.json"})
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

    @Option(names = "--augment", paramLabel = "rotate:DEGREES",
            description = "add two rotated copies (+ and - DEGREES) of every training image, as the book does: rotate:10")
    String augment;

    @Option(names = "--checkpoint-every", paramLabel = "N[epochs|samples]",
            description = "save a checkpoint every N epochs (e.g. 1) or N samples (e.g. 20000samples)")
    String checkpointEvery;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "where checkpoints go (default: beside --out, e.g. model.checkpoint.json)")
    Path checkpoint;

    @Option(names = "--resume", paramLabel = "CHECKPOINT.json",
            description = "continue an interrupted run from its checkpoint, with its own data and settings")
    Path resume;

    @Option(names = "--no-save", description = "on Ctrl-C, stop without saving a checkpoint")
    boolean noSave;

    @Option(names = {"-q", "--quiet"}, description = "no progress bar")
    boolean quiet;

    /** Options a resumed run takes from its checkpoint, and so must not be given again. */
    private static final List<String> SET_BY_CHECKPOINT = List.of("--dataset", "--train", "--train-labels", "--test",
            "--test-labels", "--classes", "--layers", "--hidden", "--activation", "--lr", "--epochs", "--init", "--rule",
            "--seed", "--precision", "--batch", "--augment");

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
        int[] every = checkpointInterval();
        Path ckpt = checkpoint != null ? checkpoint : defaultCheckpoint(out);
        checkWritable(out);
        checkWritable(ckpt);
        if (resume != null) {
            return resume(every, ckpt);
        }
        network.validate(spec);
        TrainingOptions options = speed.options(spec);
        Dataset train = augmented(DataChoice.train(spec, named, trainFiles, datasets), augment);
        Dataset test = DataChoice.test(spec, named, testFiles, datasets, trainFiles.train != null, train.classes());
        NeuralNetwork net = network.build(spec, train, activations, seed);
        return train(net, train, test, network.epochs, options, TrainingPosition.START, every, ckpt, dataSource());
    }

    private int resume(int[] every, Path ckpt) {
        for (String o : SET_BY_CHECKPOINT) {
            if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
                throw usage("--resume continues a run with the settings in its checkpoint; leave out " + o);
            }
        }
        NeuralNetwork net = models.load(resume);
        TrainingFacts.Checkpoint c = net.facts().getCheckpoint();
        if (c == null) {
            throw new MynnException(resume + ": is a finished model, not a checkpoint (its training facts have no"
                    + " 'checkpoint'); train it further with a new run instead");
        }
        Map<String, String> d = c.data() == null ? Map.of() : c.data();
        Dataset train;
        Dataset test = null;
        if (d.containsKey("dataset")) {
            DatasetSource source = d.containsKey("dataDir") ? datasets.withDataDir(Path.of(d.get("dataDir"))) : datasets;
            train = source.load(d.get("dataset"), Split.TRAIN);
            test = source.load(d.get("dataset"), Split.TEST);
        } else if (d.containsKey("train")) {
            List<String> classes = Dataset.numberedClasses(Integer.parseInt(d.getOrDefault("classes", "10")));
            train = Datasets.fromFiles(Path.of(d.get("train")), path(d.get("trainLabels")), classes);
            if (d.containsKey("test")) {
                test = Datasets.fromFiles(Path.of(d.get("test")), path(d.get("testLabels")), classes);
            }
        } else {
            throw new MynnException(resume + ": its checkpoint does not say which data it was trained on");
        }
        train = augmented(train, d.get("augment"));
        if (train.size() != c.trainSize() || !train.name().equals(c.train())) {
            throw new MynnException(resume + ": was trained on " + c.train() + " (" + c.trainSize() + " samples) but "
                    + train.name() + " has " + train.size() + "; the data changed, so the run cannot continue exactly");
        }
        TrainingFacts f = net.facts();
        TrainingOptions options = new TrainingOptions(speed.options(spec).threads(),
                f.getPrecision() == null ? Precision.DOUBLE : Precision.parse(f.getPrecision()),
                f.getBatch() == null ? 1 : f.getBatch());
        f.setCheckpoint(null);
        return train(net, train, test, c.epochs(), options, new TrainingPosition(c.epochsDone(), c.samplesDone()), every,
                ckpt, d);
    }

    private int train(NeuralNetwork net, Dataset train, Dataset test, int epochs, TrainingOptions options,
            TrainingPosition start, int[] every, Path ckpt, Map<String, String> data) {
        boolean[] wroteCheckpoint = {false};
        TrainingControl control = new TrainingControl(every[0], every[1], (n, at) -> {
            n.facts().setCheckpoint(new TrainingFacts.Checkpoint(at.epochsDone(), at.samplesDone(), epochs, train.name(),
                    train.size(), test == null ? null : test.name(), data));
            try {
                models.save(n, ckpt);
                wroteCheckpoint[0] = true;
            } finally {
                n.facts().setCheckpoint(null);
            }
        });
        CountDownLatch finished = new CountDownLatch(1);
        Thread onSignal = new Thread(() -> {
            control.requestStop();
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "mynn-stop");
        if (!noSave) {
            Runtime.getRuntime().addShutdownHook(onSignal);
        }
        try {
            TrainingPosition end;
            try {
                end = TrainingSession.run(terminal, net, train, test, epochs, options, quiet, start, control);
            } catch (TrainingDivergedException e) {
                throw new MynnException(e.getMessage() + (wroteCheckpoint[0] ? "; the last good checkpoint, " + ckpt
                        + ", is intact" : "; nothing was saved"), e);
            }
            if (end.epochsDone() < epochs) {
                terminal.err().printf(Locale.ROOT, "mynn: interrupted after %d epoch%s and %,d samples; saved a checkpoint"
                        + " to %s; continue with: mynn train --resume %s --out %s%n", end.epochsDone(),
                        end.epochsDone() == 1 ? "" : "s", end.samplesDone(), ckpt, ckpt, out);
                terminal.err().flush();
                return 130;
            }
            models.save(net, out);
            if (wroteCheckpoint[0] || (resume != null && resume.toAbsolutePath().equals(ckpt.toAbsolutePath()))) {
                deleteQuietly(ckpt);
            }
            Double acc = net.facts().getAccuracy();
            out().println(acc == null ? "saved " + out : String.format(Locale.ROOT, "saved %s (test accuracy %.4f)", out, acc));
            return 0;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException | IllegalArgumentException shuttingDownOrNeverAdded) {
                // nothing to undo
            }
        }
    }

    private Dataset augmented(Dataset data, String spec) {
        if (spec == null) {
            return data;
        }
        double degrees;
        try {
            degrees = Augment.parseRotation(spec);
        } catch (MynnException e) {
            throw usage("--augment: " + e.getMessage());
        }
        return Augment.withRotations(data, degrees);
    }

    /** @return what a resumed run needs to load the same data: a dataset name, or the files */
    private Map<String, String> dataSource() {
        Map<String, String> d = new LinkedHashMap<>();
        if (augment != null) {
            d.put("augment", augment);
        }
        if (trainFiles.train != null) {
            d.put("train", trainFiles.train.toAbsolutePath().toString());
            if (trainFiles.trainLabels != null) {
                d.put("trainLabels", trainFiles.trainLabels.toAbsolutePath().toString());
            }
            if (testFiles.test != null) {
                d.put("test", testFiles.test.toAbsolutePath().toString());
                if (testFiles.testLabels != null) {
                    d.put("testLabels", testFiles.testLabels.toAbsolutePath().toString());
                }
            }
            d.put("classes", Integer.toString(trainFiles.classes));
        } else {
            d.put("dataset", DataChoice.name(named));
            if (named.dataDir != null) {
                d.put("dataDir", named.dataDir.toAbsolutePath().toString());
            }
        }
        return d;
    }

    /** @return {epochs, samples}: the interval of {@code --checkpoint-every}, 0 where not given */
    private int[] checkpointInterval() {
        if (checkpointEvery == null) {
            return new int[] {0, 0};
        }
        String s = checkpointEvery.trim().toLowerCase(Locale.ROOT);
        boolean samples = s.endsWith("samples");
        String number = s.replaceAll("(epochs?|samples)$", "");
        int n;
        try {
            n = Integer.parseInt(number);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1) {
            throw usage("--checkpoint-every must be a positive number of epochs (e.g. 1) or samples (e.g. 20000samples)"
                    + " but is '" + checkpointEvery + "'");
        }
        return samples ? new int[] {0, n} : new int[] {n, 0};
    }

    static Path defaultCheckpoint(Path model) {
        String name = model.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return model.resolveSibling(stem + ".checkpoint.json");
    }

    private static Path path(String s) {
        return s == null ? null : Path.of(s);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a stale checkpoint is harmless
        }
    }
}
