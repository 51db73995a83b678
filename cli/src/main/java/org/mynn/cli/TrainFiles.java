package org.mynn.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Training data given as files. */
final class TrainFiles {

    @Option(names = "--train", paramLabel = "FILE", description = "training data: the book's CSV, or IDX images (raw or .gz)")
    Path train;

    @Option(names = "--train-labels", paramLabel = "FILE", description = "the IDX labels of --train")
    Path trainLabels;

    @Option(names = "--classes", paramLabel = "N", defaultValue = "10",
            description = "number of classes of data given as files (default: ${DEFAULT-VALUE})")
    int classes;
}
