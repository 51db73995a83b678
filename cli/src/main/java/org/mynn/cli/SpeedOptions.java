package org.mynn.cli;

import org.mynn.core.run.RunSpec;
import org.mynn.core.run.RunSpecBuilder;
import picocli.CommandLine.Option;

/** How training runs: threads, precision, mini-batches; the run specification checks every value. */
final class SpeedOptions {

    @Option(names = "--threads", paramLabel = "N",
            description = "threads to train with (default: the cores, up to 4); results do not depend on it")
    Integer threads;

    @Option(names = "--precision", paramLabel = "P",
            description = "double (the seed's numbers; default) or float (about twice as fast)")
    String precision;

    @Option(names = "--batch", paramLabel = "N",
            description = "1 (the book's per-sample SGD; default), or mini-batches of N with the gradient averaged "
                    + "(for bigger networks; needs a larger --lr, e.g. 1.0)")
    Integer batch;

    /** Puts the options given into {@code b}. */
    RunSpecBuilder fill(RunSpecBuilder b) {
        return b.threads(threads).precision(precision).batch(batch);
    }

    /** @return --threads, or the default; checked by the specification */
    int threads() {
        return threads == null ? RunSpec.defaultThreads() : threads;
    }
}
