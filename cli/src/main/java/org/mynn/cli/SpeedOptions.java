package org.mynn.cli;

import org.mynn.core.MynnException;
import org.mynn.core.Precision;
import org.mynn.core.train.TrainingOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** How training runs: threads, precision, mini-batches. */
final class SpeedOptions {

    /** The default number of threads: the cores, at most 4 (more do not help the book's 200 hidden units). */
    static final int DEFAULT_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    @Option(names = "--threads", paramLabel = "N",
            description = "threads to train with (default: the cores, up to 4); per-sample results do not depend on it")
    Integer threads;

    @Option(names = "--precision", paramLabel = "P", defaultValue = "double",
            description = "double (the seed's numbers; default) or float (about twice as fast)")
    String precision;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1",
            description = "1 (the book's per-sample SGD; default), or mini-batches of N with the gradient averaged "
                    + "(for bigger networks; needs a larger --lr, e.g. 1.0)")
    int batch;

    /** @throws ParameterException for values out of range */
    TrainingOptions options(CommandSpec spec) {
        int t = threads == null ? DEFAULT_THREADS : threads;
        if (t < 1 || t > 256) {
            throw new ParameterException(spec.commandLine(), "--threads must be from 1 to 256 but is " + t);
        }
        if (batch < 1) {
            throw new ParameterException(spec.commandLine(), "--batch must be at least 1 but is " + batch);
        }
        Precision p;
        try {
            p = Precision.parse(precision);
        } catch (MynnException e) {
            throw new ParameterException(spec.commandLine(), "--precision: " + e.getMessage());
        }
        if (batch > 1 && p != Precision.DOUBLE) {
            throw new ParameterException(spec.commandLine(), "--batch runs in double only; leave out --precision float");
        }
        return new TrainingOptions(t, p, batch);
    }
}
