package org.mynn.cli;

import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Precision;
import org.mynn.core.model.TrainingSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How training runs: threads, precision, mini-batches. */
final class SpeedOptions {

    /** The default number of threads: the cores, at most 4 (more do not help the book's 200 hidden units). */
    static final int DEFAULT_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--threads", paramLabel = "N",
            description = "threads to train with (default: the cores, up to 4); per-sample results do not depend on it")
    Integer threads;

    @Option(names = "--precision", paramLabel = "P", defaultValue = "double",
            description = "${COMPLETION-CANDIDATES}: double (the seed's numbers; default) or float (about twice as fast)")
    Precision precision;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1",
            description = "1 (the book's per-sample SGD; default), or mini-batches of N with the gradient averaged "
                    + "(for bigger networks; needs a larger --lr, e.g. 1.0)")
    int batch;

    /** @return {@code --threads}, checked */
    int threads() {
        int t = threads == null ? DEFAULT_THREADS : threads;
        if (t < 1 || t > TrainingSettings.MAX_THREADS) {
            throw BaseCommand.usage(mixee, "--threads must be from 1 to " + TrainingSettings.MAX_THREADS + " but is " + t);
        }
        return t;
    }

    /**
     * @return the settings to train {@code net} with: its learning rate and rule, these options
     * @throws ParameterException for values out of range
     */
    TrainingSettings settings(NeuralNetwork net) {
        validate();
        return TrainingSettings.of(net).withPrecision(precision).withBatch(batch).withThreads(threads());
    }

    /** Checks the options before any data is loaded. */
    void validate() {
        threads();
        if (batch < 1) {
            throw BaseCommand.usage(mixee, "--batch must be at least 1 but is " + batch);
        }
    }
}
