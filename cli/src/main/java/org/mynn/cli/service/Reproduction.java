package org.mynn.cli.service;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.mynn.core.MynnException;
import org.mynn.core.io.OnnxModels;
import org.mynn.core.kernel.Kernels;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Provenance;
import org.mynn.core.run.RecordCheck;
import org.mynn.core.run.RunSpec;
import org.mynn.core.train.Trainer;
import org.mynn.core.train.TrainingControl;
import org.mynn.core.train.TrainingData;
import org.mynn.core.train.TrainingListener;
import org.mynn.core.train.TrainingPosition;
import org.mynn.data.DataLocator;
import org.mynn.data.DatasetSource;

/**
 * Trains a model again from what its file records (its data, found again and checked by SHA-256; its seed, shape,
 * activations, options and epochs) and says whether the weights, the accuracy and the history come out bit for bit the
 * same, or how far they are and what differs between then and now (mynn's version, the JVM, the system, the kernels).
 * A record that does not add up is refused before anything is trained.
 */
public final class Reproduction {

    /**
     * A rerun ready to go: the record checked, its data found and loaded.
     *
     * @param original the model as recorded
     * @param spec     the run its record gives
     * @param sets     its training data, the images held out and the test data, as recorded (null when not named)
     * @param notes    what a person should be told first, e.g. where moved data was found
     */
    public record Plan(NeuralNetwork original, RunSpec spec, Trainer.Sets sets, List<String> notes) {
    }

    /**
     * What retraining gave.
     *
     * @param again       the network trained again
     * @param weights     the number of weights and biases compared
     * @param differing   how many differ in any bit
     * @param maxDiff     the largest absolute difference
     * @param platform    what differs between the platform recorded and this one, e.g. "Java 11.0.2 then, 17.0.15 now"
     * @param facts       the record's accuracy and history beside the rerun's
     * @param rounded     the model's weights were rounded to float32 by an ONNX import; {@code differing} then counts
     *                    the weights that differ even rounded to float32
     */
    public record Result(NeuralNetwork again, long weights, long differing, double maxDiff, List<String> platform,
            List<RecordComparison.Row> facts, boolean rounded) {

        /** @return true when every weight and bias is the same bit for bit (float32's, for an import), and every fact */
        public boolean identical() {
            return differing == 0 && mismatches().isEmpty();
        }

        /** @return the facts that differ, e.g. "training.accuracy: recorded 0.9900, the rerun gives 0.1900" */
        public List<String> mismatches() {
            return facts.stream().filter(r -> !r.same()).map(RecordComparison.Row::mismatch).toList();
        }
    }

    private final DatasetSource datasets;
    private final TrainingRun runs;
    private final Kernels kernels;

    @Inject
    public Reproduction(DatasetSource datasets, TrainingRun runs, Kernels kernels) {
        this.datasets = datasets;
        this.runs = runs;
        this.kernels = kernels;
    }

    /**
     * Checks the record (enough to train it again, and adding up), then finds and loads its data.
     *
     * @param file    the model file, whose folder is looked in for moved data
     * @param threads threads to train with; the results do not depend on them
     * @param dataDir a folder to look in for data that moved, and the cache of named datasets; null for none
     * @throws MynnException when the record is not enough or does not add up, or its data cannot be found or changed
     */
    public Plan plan(NeuralNetwork original, Path file, int threads, Path dataDir) {
        String what = file.toString();
        check(original, what);
        Provenance p = original.provenance();
        RunSpec spec = runs.recordedSpec(original, threads, what);
        List<String> notes = new ArrayList<>();
        TrainingData train = load(p.data(), "training data", file, dataDir, notes);
        TrainingData test = p.test() == null ? null : load(p.test(), "test data", file, dataDir, notes);
        TrainingData held = p.validation() == null ? null : load(p.validation(), "validation data", file, dataDir, notes);
        boolean measured = p.accuracy() != null || p.history().stream().anyMatch(e -> e.accuracy() != null);
        if (test == null && measured) {
            notes.add("the record does not name the test data that measured its accuracy (files of mynn before 0.4 do"
                    + " not), so its accuracy and mse are not compared; its training loss is");
        }
        return new Plan(original, spec, new Trainer.Sets(train, held, test), notes);
    }

    private TrainingData load(Provenance.DataReference ref, String role, Path file, Path dataDir, List<String> notes) {
        DataLocator.Found found = DataLocator.locate(ref, role, file, dataDir, file.toString());
        notes.addAll(found.notes());
        return datasets.reload(found.ref(), file.toString());
    }

    /** Trains a planned rerun and compares it with the record: every weight and bias, the accuracy and the history. */
    public Result run(Plan plan, TrainingListener listener) {
        NeuralNetwork original = plan.original();
        RunSpec spec = plan.spec();
        NeuralNetwork fresh = spec.network(original.layers());
        NeuralNetwork again = new Trainer(spec.settings(), listener, kernels).fit(fresh, plan.sets(), spec.epochs(),
                TrainingPosition.START, TrainingControl.none()).network();
        boolean rounded = OnnxModels.roundedToFloat32(original.provenance());
        long[] counts = new long[2];
        double[] max = new double[1];
        for (int k = 0; k < original.depth(); k++) {
            compare(original.weights(k).data, again.weights(k).data, rounded, counts, max);
            if (original.hasBiases()) {
                compare(original.biases(k), again.biases(k), rounded, counts, max);
            }
        }
        List<RecordComparison.Row> facts = RecordComparison.rows(original.provenance(), again.provenance(),
                plan.sets().test() != null, plan.sets().validation() != null);
        return new Result(again, counts[0], counts[1], max[0],
                platformChanges(original.provenance().platform(), Provenance.Platform.current(kernels)), facts, rounded);
    }

    private static void compare(double[] was, double[] now, boolean rounded, long[] counts, double[] max) {
        for (int i = 0; i < was.length; i++) {
            counts[0]++;
            boolean same = rounded ? Float.floatToRawIntBits((float) was[i]) == Float.floatToRawIntBits((float) now[i])
                    : Double.doubleToRawLongBits(was[i]) == Double.doubleToRawLongBits(now[i]);
            if (!same) {
                counts[1]++;
                max[0] = Math.max(max[0], Math.abs(was[i] - now[i]));
            }
        }
    }

    /**
     * Checks, before any data is loaded, that a model's record is enough to train it again and adds up
     * ({@link RecordCheck}).
     *
     * @throws MynnException naming what the record lacks
     */
    public void check(NeuralNetwork original, String what) {
        Provenance p = original.provenance();
        if (p.seed() == null) {
            throw new MynnException(what + ": records no seed, so its initial weights cannot be made again");
        }
        if (p.epochs() == null || p.epochs() < 1) {
            throw new MynnException(what + ": records no finished epoch to train again");
        }
        if (p.data() == null) {
            throw new MynnException(what + ": records no reference to its training data (it was trained on data made in"
                    + " memory, or imported), so it cannot be trained again");
        }
        if (p.other().containsKey(Trainer.RATE_CHANGES)) {
            throw new MynnException(what + ": its learning rate was changed while it trained (in the training lab;"
                    + " training.learningRateChanges), which a new run cannot replay");
        }
        if (p.other().containsKey(Trainer.HAND_SAMPLES)) {
            throw new MynnException(what + ": it trained samples by hand while paused (in the training lab;"
                    + " training.samplesByHand), which a new run cannot replay");
        }
        if (p.checkpoint() != null) {
            throw new MynnException(what + ": is a checkpoint of an unfinished run; finish it with mynn train --resume");
        }
        RecordCheck.check(p, what);
    }

    /** @return what differs between the platform a model was trained on and this one */
    static List<String> platformChanges(Provenance.Platform then, Provenance.Platform now) {
        List<String> out = new ArrayList<>();
        if (then == null) {
            out.add("the model records no platform (mynn version, JVM, kernels): it was made before mynn recorded them");
            return out;
        }
        change(out, "mynn", then.mynn(), now.mynn());
        change(out, "Java", then.java(), now.java());
        change(out, "system", then.os(), now.os());
        change(out, "processor architecture", then.arch(), now.arch());
        if (!Objects.equals(then.sums(), now.sums())) {
            // files made before mynn summed in one order on every vector width: there kernels and width mattered
            change(out, "kernels", then.kernel(), now.kernel());
            change(out, "vector width (bits)", then.vectorBits(), now.vectorBits());
            change(out, "order of sums", then.sums() == null ? "(none recorded: each vector width its own)"
                    : then.sums(), now.sums());
        }
        return out;
    }

    private static void change(List<String> out, String what, Object then, Object now) {
        if (!Objects.equals(then, now)) {
            out.add(String.format(Locale.ROOT, "%s %s then, %s now", what, then, now));
        }
    }
}
