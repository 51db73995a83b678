package org.mynn.cli.service;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.mynn.core.MynnException;
import org.mynn.core.kernel.Kernels;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Provenance;
import org.mynn.core.run.RunSpec;
import org.mynn.core.train.Trainer;
import org.mynn.core.train.TrainingControl;
import org.mynn.core.train.TrainingData;
import org.mynn.core.train.TrainingListener;
import org.mynn.core.train.TrainingPosition;
import org.mynn.data.DatasetSource;

/**
 * Trains a model again from what its file records (its data, checked by SHA-256; its seed, shape, activations,
 * options and epochs) and says whether the weights come out bit for bit the same, or how far they are and what differs
 * between then and now (mynn's version, the JVM, the system, the kernels).
 */
public final class Reproduction {

    /**
     * What retraining gave.
     *
     * @param again       the network trained again
     * @param weights     the number of weights and biases compared
     * @param differing   how many differ in any bit
     * @param maxDiff     the largest absolute difference
     * @param platform    what differs between the platform recorded and this one, e.g. "Java 11.0.2 then, 17.0.15 now"
     */
    public record Result(NeuralNetwork again, long weights, long differing, double maxDiff, List<String> platform) {

        /** @return true when every weight and bias is the same, bit for bit */
        public boolean identical() {
            return differing == 0;
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
     * @param what names the model, for errors (e.g. its file)
     * @param threads threads to train with; the results do not depend on them
     * @throws MynnException when the record is not enough to train it again, or its data cannot be found or changed
     */
    public Result reproduce(NeuralNetwork original, String what, int threads, TrainingListener listener) {
        check(original, what);
        Provenance p = original.provenance();
        TrainingData train = datasets.reload(p.data(), what);
        RunSpec spec = runs.recordedSpec(original, threads, what);
        NeuralNetwork fresh = spec.network(original.layers());
        NeuralNetwork again = new Trainer(spec.settings(), listener, kernels).fit(fresh, new Trainer.Sets(train, null, null),
                spec.epochs(), TrainingPosition.START, TrainingControl.none()).network();
        long n = 0;
        long differ = 0;
        double max = 0;
        for (int k = 0; k < original.depth(); k++) {
            DMatrixRMaj w0 = original.weights(k);
            DMatrixRMaj w1 = again.weights(k);
            for (int i = 0; i < w0.data.length; i++) {
                n++;
                if (Double.doubleToRawLongBits(w0.data[i]) != Double.doubleToRawLongBits(w1.data[i])) {
                    differ++;
                    max = Math.max(max, Math.abs(w0.data[i] - w1.data[i]));
                }
            }
            if (original.hasBiases()) {
                double[] b0 = original.biases(k);
                double[] b1 = again.biases(k);
                for (int i = 0; i < b0.length; i++) {
                    n++;
                    if (Double.doubleToRawLongBits(b0[i]) != Double.doubleToRawLongBits(b1[i])) {
                        differ++;
                        max = Math.max(max, Math.abs(b0[i] - b1[i]));
                    }
                }
            }
        }
        return new Result(again, n, differ, max, platformChanges(p.platform(), Provenance.Platform.current(kernels)));
    }

    /**
     * Checks, before any data is loaded, that a model's record is enough to train it again.
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
        if (p.checkpoint() != null) {
            throw new MynnException(what + ": is a checkpoint of an unfinished run; finish it with mynn train --resume");
        }
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
        change(out, "kernels", then.kernel(), now.kernel());
        change(out, "vector width (bits)", then.vectorBits(), now.vectorBits());
        return out;
    }

    private static void change(List<String> out, String what, Object then, Object now) {
        if (!Objects.equals(then, now)) {
            out.add(String.format(Locale.ROOT, "%s %s then, %s now", what, then, now));
        }
    }
}
