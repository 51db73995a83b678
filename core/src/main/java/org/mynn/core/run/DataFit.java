package org.mynn.core.run;

import java.util.Arrays;
import java.util.Locale;
import org.mynn.core.Memory;
import org.mynn.core.MynnException;
import org.mynn.core.SettingException;
import org.mynn.core.augment.Augmentations;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Precision;
import org.mynn.core.optimize.Configured;

/** A run specification checked against its training data and the heap: {@link RunSpec#check}. */
final class DataFit {

    private DataFit() {
    }

    static int[] check(RunSpec spec, int inputs, int classes, int size, String dataName) {
        int samples = spec.samples();
        int validation = spec.validation();
        int batch = spec.batch();
        Augmentations augment = spec.augment();
        Precision precision = spec.precision();
        Configured optimizer = spec.optimizer();
        boolean allLayers = spec.hidden() == null;
        int[] sizes = spec.layerSizes(inputs, classes, dataName);
        if (samples > size) {
            throw new SettingException("samples", String.format(Locale.ROOT, "is %,d but %s has %,d", samples, dataName, size));
        }
        int used = samples > 0 ? samples : size;
        if (validation >= used) {
            throw new SettingException("validation", String.format(Locale.ROOT, "holds out %,d images but %s has only %,d%s,"
                    + " which leaves none to learn from", validation, dataName, used, samples > 0 ? " in the samples used" : ""));
        }
        int learn = used - validation;
        if (batch > learn) {
            throw new SettingException("batch", String.format(Locale.ROOT, "is %,d but the run learns from %,d samples%s;"
                    + " a batch is at most all of them (32 to 128 is usual)", batch, learn,
                    validation > 0 ? " (" + validation + " held out)" : ""));
        }
        if (augment != null) {
            int side = (int) Math.round(Math.sqrt(inputs));
            if (side * side != inputs) {
                throw new SettingException("augment", dataName + " has " + inputs + " values per sample, not a square picture,"
                        + " so it cannot be distorted");
            }
            Parse.lookup("augment", () -> {
                augment.checkFits(side, side);
                return null;
            });
        }
        long weights;
        try {
            weights = NeuralNetwork.weightCount(sizes);
        } catch (MynnException e) {
            throw new SettingException(allLayers ? "layers" : "hidden", e.getMessage());
        }
        long widest = Arrays.stream(sizes).max().orElse(0);
        long units = Arrays.stream(sizes).asLongStream().sum();
        long engine = precision == Precision.FLOAT ? 4 : 8;
        long forWeights = weights * (8 + engine + 16 + (long) optimizer.optimizer().slots() * 8);
        long forBatch = (long) batch * (units + 4 * widest) * engine * 3;
        try {
            Memory.require(forWeights + forBatch, String.format(Locale.ROOT, "the %,d weights of a %s network%s trained in"
                    + " batches of %,d", weights, Parse.shape(sizes), optimizer.optimizer().slots() > 0 ? " with "
                    + optimizer.optimizer().name() + "'s state" : "", batch));
        } catch (MynnException e) {
            throw new SettingException(forBatch > forWeights ? "batch" : allLayers ? "layers" : "hidden", e.getMessage());
        }
        return sizes;
    }
}
