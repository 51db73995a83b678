package org.mynn.cli.service;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mynn.core.augment.Augmentations;
import org.mynn.core.kernel.Kernels;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.TrainingSettings;
import org.mynn.core.run.Catalog;
import org.mynn.core.run.RunSpec;
import org.mynn.core.run.RunSpecBuilder;
import org.mynn.core.train.Diagnosis;
import org.mynn.core.train.Trainer;
import org.mynn.core.train.TrainingControl;
import org.mynn.core.train.TrainingData;
import org.mynn.core.train.TrainingListener;
import org.mynn.core.train.TrainingPosition;
import org.mynn.core.train.Warmup;
import org.mynn.data.Augment;
import org.mynn.data.Dataset;

/**
 * Makes a training run from a {@link RunSpec} and its data, the same way for every front end ({@code train},
 * {@code demo}, {@code sweep}, the lab): checks the run against the data and the memory before anything is allocated,
 * takes the samples it uses, holds out the validation images, builds the network with fresh weights and applies the
 * augmentations (drawn from the network's seed).
 */
public final class Runs {

    /**
     * A run ready to go.
     *
     * @param spec     what was asked for
     * @param start    the network with fresh weights
     * @param sets     the data: what it learns from (augmented), the images held out, the test images
     * @param settings how the trainer runs
     * @param notes    what a person should know before it starts (e.g. the training data has only one class); may be
     *                 empty
     */
    public record Prepared(RunSpec spec, NeuralNetwork start, Trainer.Sets sets, TrainingSettings settings, List<String> notes) {

        /** @return the job for {@link TrainingRun}: from the start, for the epochs the spec asks */
        public TrainingRun.Job job() {
            return new TrainingRun.Job(start, sets, spec.epochs(), settings, TrainingPosition.START);
        }
    }

    /** The largest batch a warm-up stand-in trains with: the compiled code is the same for any larger one. */
    static final int WARM_UP_BATCH = 128;

    private final Kernels kernels;
    private final Catalog catalog;
    private final Augment augmenter;

    @Inject
    public Runs(Catalog catalog, Augment augmenter, Kernels kernels) {
        this.catalog = catalog;
        this.augmenter = augmenter;
        this.kernels = kernels;
    }

    /** @return the plugins a specification looks its names up in */
    public Catalog catalog() {
        return catalog;
    }

    /** @return a new specification's builder over the installed plugins */
    public RunSpecBuilder spec() {
        return RunSpec.builder(catalog);
    }

    /**
     * Checks the run against its data and makes it.
     *
     * @param test may be null
     * @throws org.mynn.core.SettingException naming the setting that does not fit the data or the memory
     */
    public Prepared prepare(RunSpec spec, Dataset train, Dataset test) {
        int[] sizes = spec.check(train.inputSize(), train.classCount(), train.size(), train.name());
        Dataset used = spec.samples() > 0 && spec.samples() < train.size() ? train.part(0, spec.samples()) : train;
        NeuralNetwork start = spec.network(sizes);
        Dataset learn = used;
        Dataset held = null;
        if (spec.validation() > 0) {
            learn = used.part(0, used.size() - spec.validation());
            held = used.part(used.size() - spec.validation(), used.size());
        }
        long seed = start.provenance().seed();
        TrainingData data = spec.augment() == null ? learn : augmenter.apply(learn, spec.augment(), seed);
        List<String> notes = new ArrayList<>();
        if (Diagnosis.onlyClass(learn) >= 0) {
            notes.add(String.format(Locale.ROOT, "%s has only one class among the %,d samples it learns from, so the network"
                    + " can only learn to answer it", train.name(), learn.size()));
        }
        return new Prepared(spec, start, new Trainer.Sets(data, held, test), spec.settings(), notes);
    }

    /**
     * Trains a prepared run from its start network for the specification's epochs, telling {@code listener} of every
     * epoch; {@code control} pauses, steps or stops it (the lab's), or {@link TrainingControl#none()}.
     */
    public Trainer.Outcome train(Prepared p, TrainingListener listener, TrainingControl control) {
        return trainer(p.settings(), listener).fit(p.start(), p.sets(), p.spec().epochs(), TrainingPosition.START, control);
    }

    /** @return a trainer with these settings on the injected kernels, telling {@code listener} of every epoch */
    public Trainer trainer(TrainingSettings settings, TrainingListener listener) {
        return new Trainer(settings, listener, kernels);
    }

    /**
     * Starts compiling the training code while the data loads (see {@link Warmup}): a narrowed stand-in network of the
     * run's kind on made-up data of {@code inputs} values and {@code classes} classes. A stand-in that cannot be made
     * (the real run will say why) means no warm-up.
     */
    public Warmup warmUp(RunSpec spec, int inputs, int classes) {
        try {
            TrainingData madeUp = Warmup.madeUp(inputs, classes);
            RunSpec small = spec.toBuilder().seed(1L).samples(0).validation(0).keep(null)
                    .batch(Math.min(spec.batch(), WARM_UP_BATCH)).build();
            NeuralNetwork standIn = small.network(Warmup.narrow(small.layerSizes(madeUp.inputSize(), madeUp.classCount(),
                    madeUp.name())));
            return Warmup.start(standIn, small.settings(), kernels, distorted(madeUp, spec.augment()));
        } catch (RuntimeException e) {
            return Warmup.none();
        }
    }

    /**
     * @return the made-up samples as square pictures distorted by {@code augment} for an epoch, so that the warm-up
     *         compiles the distortion too (its vector code runs many times slower until then: a first epoch with
     *         {@code --augment elastic} paid about 0.7 s for it); {@code madeUp} itself when nothing distorts afresh
     *         or the inputs are not a square picture
     */
    TrainingData distorted(TrainingData madeUp, Augmentations augment) {
        int inputs = madeUp.inputSize();
        int side = (int) Math.round(Math.sqrt(inputs));
        if (augment == null || side * side != inputs || !augment.random()) {
            return madeUp;
        }
        int n = madeUp.size();
        byte[] pixels = new byte[n * inputs];
        byte[] labels = new byte[n];
        double[] x = new double[inputs];
        List<String> classes = new ArrayList<>();
        for (int c = 0; c < madeUp.classCount(); c++) {
            classes.add(Integer.toString(c));
        }
        for (int i = 0; i < n; i++) {
            madeUp.input(i, x);
            for (int j = 0; j < inputs; j++) {
                pixels[i * inputs + j] = (byte) Math.round((x[j] - 0.01) / 0.99 * 255);
            }
            labels[i] = (byte) madeUp.label(i);
        }
        Dataset pictures = new Dataset(madeUp.name(), side, side, pixels, labels, classes);
        return augmenter.apply(pictures, augment, 1).forEpoch(1);
    }
}
