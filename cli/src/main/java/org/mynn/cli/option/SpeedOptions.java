package org.mynn.cli.option;

import org.mynn.cli.service.Choices;
import org.mynn.core.run.RunSpec;
import org.mynn.core.run.RunSpecBuilder;
import picocli.CommandLine.Option;

/** How training runs: threads, precision, mini-batches; the run specification checks every value. */
public final class SpeedOptions {

    @Option(names = "--threads", paramLabel = "N",
            description = "threads to train with (default: the cores, up to 4); results do not depend on it")
    public Integer threads;

    @Option(names = "--precision", completionCandidates = Choices.Precisions.class, paramLabel = "P",
            description = "double (the seed's numbers; default) or float (about twice as fast)")
    public String precision;

    @Option(names = "--batch", paramLabel = "N",
            description = "1 (the book's per-sample SGD; default), or mini-batches of N with the gradient averaged "
                    + "(for bigger networks; needs a larger --lr, e.g. 1.0)")
    public Integer batch;

    /** Puts the options given into {@code b}. */
    public RunSpecBuilder fill(RunSpecBuilder b) {
        return b.threads(threads).precision(precision).batch(batch);
    }

    /** @return --threads, or the default; checked by the specification */
    public int threads() {
        return threads == null ? RunSpec.defaultThreads() : threads;
    }
}
