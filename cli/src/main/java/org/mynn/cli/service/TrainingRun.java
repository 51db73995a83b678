package org.mynn.cli.service;

import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.mynn.core.MynnException;
import org.mynn.core.io.ModelJson;
import org.mynn.core.kernel.Kernels;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Provenance;
import org.mynn.core.model.TrainingSettings;
import org.mynn.core.run.Catalog;
import org.mynn.core.run.RunSpec;
import org.mynn.core.train.Trainer;
import org.mynn.core.train.TrainingControl;
import org.mynn.core.train.TrainingData;
import org.mynn.core.train.TrainingDivergedException;
import org.mynn.core.train.TrainingListener;
import org.mynn.core.train.TrainingPosition;
import org.mynn.data.DatasetSource;

/**
 * A training run that survives: checkpoints as often as asked, Ctrl-C (the JVM shutting down) stops it at the
 * end of the sample under way and saves a checkpoint, and a checkpoint can be resumed with its own data and settings,
 * ending bit for bit where the uninterrupted run would have.
 */
public final class TrainingRun {

    /**
     * When and where to save checkpoints.
     *
     * @param everyEpochs  after every this many epochs; 0 for never
     * @param everySamples after every this many samples; 0 for never
     * @param file         where they go
     * @param onInterrupt  save one when the run is interrupted (Ctrl-C)
     * @param best         where to save the network each time its validation accuracy beats every epoch before
     *                     ({@code --keep best}); null for nowhere
     */
    public record Checkpoints(int everyEpochs, int everySamples, Path file, boolean onInterrupt, Path best) {

        /** Checkpoints without keeping the best. */
        public Checkpoints(int everyEpochs, int everySamples, Path file, boolean onInterrupt) {
            this(everyEpochs, everySamples, file, onInterrupt, null);
        }
    }

    /** What to train, on what, with what, for how long, from where. */
    public record Job(NeuralNetwork start, Trainer.Sets sets, int epochs, TrainingSettings settings, TrainingPosition from) {

        /** @return the training data */
        public TrainingData train() {
            return sets.train();
        }
    }

    /**
     * How a run ended.
     *
     * @param network           the network as trained
     * @param position          where it got to
     * @param checkpointWritten whether a checkpoint was saved during the run
     * @param best              the network of the epoch with the best validation accuracy in this run; null without
     *                          validation data or when no epoch of this run beat those before it
     */
    public record Result(NeuralNetwork network, TrainingPosition position, boolean checkpointWritten, NeuralNetwork best) {
    }

    private final Kernels kernels;
    private final ModelJson models;
    private final DatasetSource datasets;
    private final Catalog catalog;

    @Inject
    public TrainingRun(ModelJson models, DatasetSource datasets, Catalog catalog, Kernels kernels) {
        this.kernels = kernels;
        this.models = models;
        this.datasets = datasets;
        this.catalog = catalog;
    }

    /**
     * A job that continues the run a checkpoint file holds: its network, its data (loaded again and checked to be
     * the same), its settings and its position.
     *
     * @param threads the only setting a resumed run may change: it does not change the result
     * @throws MynnException when the file is a finished model, or its data cannot be found or has changed
     */
    public Job resume(Path checkpoint, int threads) {
        NeuralNetwork net = models.load(checkpoint);
        Provenance p = net.provenance();
        Provenance.Checkpoint c = p.checkpoint();
        if (c == null) {
            throw new MynnException(checkpoint + ": is a finished model, not a checkpoint (its training facts have no"
                    + " 'checkpoint'); train it further with a new run instead");
        }
        if (c.train() == null) {
            throw new MynnException(checkpoint + ": its checkpoint does not say which data it was trained on");
        }
        TrainingData train = datasets.reload(c.train(), checkpoint.toString());
        TrainingData test = c.test() == null ? null : datasets.reload(c.test(), checkpoint.toString());
        TrainingData validation = c.validation() == null ? null : datasets.reload(c.validation(), checkpoint.toString());
        TrainingSettings settings = recordedSpec(net, threads, checkpoint.toString()).settings();
        return new Job(net, new Trainer.Sets(train, validation, test), c.epochs(), settings,
                new TrainingPosition(c.epochsDone(), c.samplesDone()));
    }

    /**
     * The run a model's training facts record (see {@link RunSpec#recorded}).
     *
     * @param threads the one setting not recorded: it does not change the result
     * @param what    names the model, for errors
     * @throws MynnException naming the field 'training' when a recorded value is not one mynn knows
     */
    public RunSpec recordedSpec(NeuralNetwork net, int threads, String what) {
        try {
            return RunSpec.recorded(net, catalog, threads);
        } catch (org.mynn.core.SettingException e) {
            throw new MynnException(what + ": field '" + recordField(e.field()) + "': " + e.problem(), e);
        } catch (MynnException e) {
            throw new MynnException(what + ": field 'training': " + e.getMessage(), e);
        }
    }

    /** @return the model file's field that holds a run specification's setting, e.g. "training.optimizer" */
    static String recordField(String setting) {
        return switch (setting) {
            case "lr" -> "learningRate";
            case "activation", "output" -> "activations";
            case "layers", "hidden" -> "layers";
            case "loss" -> "loss";
            case "bias", "biases" -> "biases";
            default -> "training." + setting;
        };
    }

    /**
     * Opens a session that runs jobs with these checkpoints. While it is open, Ctrl-C (the JVM shutting down)
     * asks the run to stop at the end of the sample under way, and the JVM waits (up to a minute) until the session
     * is closed, so that the checkpoint is saved and what the front end says about it is said.
     */
    public Session session(Checkpoints checkpoints) {
        return session(checkpoints, field -> field);
    }

    /**
     * A session whose errors name settings as a front end does.
     *
     * @param names a setting's name for people from its run-specification field, e.g. "lr" to "--lr"
     */
    public Session session(Checkpoints checkpoints, java.util.function.Function<String, String> names) {
        return new Session(checkpoints, names);
    }

    /** Runs jobs with checkpoints and Ctrl-C handling; close it when what follows a run is done. */
    public final class Session implements AutoCloseable {
        private final Checkpoints checkpoints;
        private final TrainingControl control;
        private final CountDownLatch closed = new CountDownLatch(1);
        private final Thread onSignal;
        private final java.util.function.Function<String, String> names;
        private boolean written;

        private Session(Checkpoints checkpoints, java.util.function.Function<String, String> names) {
            this.checkpoints = checkpoints;
            this.names = names;
            this.control = new TrainingControl(checkpoints.everyEpochs(), checkpoints.everySamples(), (n, at) -> {
                models.save(n, checkpoints.file());
                written = true;
            }, checkpoints.best() == null ? null : best -> models.save(best, checkpoints.best()));
            this.onSignal = new Thread(() -> {
                control.requestStop();
                try {
                    closed.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "mynn-stop");
            if (checkpoints.onInterrupt()) {
                Runtime.getRuntime().addShutdownHook(onSignal);
            }
        }

        /**
         * Runs the job, saving checkpoints when due, and stops (saving one) when interrupted.
         *
         * @throws MynnException when the training diverges, saying whether the last checkpoint is intact
         */
        public Result run(Job job, TrainingListener listener) {
            try {
                Trainer.Outcome o = new Trainer(job.settings(), listener, kernels).fit(job.start(), job.sets(), job.epochs(), job.from(),
                        control);
                return new Result(o.network(), o.position(), written, o.best());
            } catch (TrainingDivergedException e) {
                throw new MynnException(e.describe(names) + (written ? "; the last good checkpoint, " + checkpoints.file()
                        + ", is intact" : "; nothing was saved"), e);
            }
        }

        /**
         * Asks the run under way to stop at the end of the sample (or batch) it is on and save a checkpoint; safe from any
         * thread (a web request, a signal).
         */
        public void stop() {
            control.requestStop();
        }

        /** Lets a JVM that is shutting down go on, and stops listening for Ctrl-C. */
        @Override
        public void close() {
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException | IllegalArgumentException shuttingDownOrNeverAdded) {
                // nothing to undo
            }
        }
    }

    /** Deletes a checkpoint no longer needed (a finished run's); a stale one left behind is harmless. */
    public static void deleteCheckpoint(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // harmless
        }
    }

    /** @return where checkpoints of {@code model} go by default: beside it, e.g. m.checkpoint.json for m.json */
    public static Path defaultCheckpoint(Path model) {
        String name = model.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return model.resolveSibling(stem + ".checkpoint.json");
    }
}
