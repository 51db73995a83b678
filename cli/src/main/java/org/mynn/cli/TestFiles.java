package org.mynn.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Test data given as files. */
final class TestFiles {

    @Option(names = "--test", paramLabel = "FILE", description = "test data: the book's CSV, or IDX images (raw or .gz)")
    Path test;

    @Option(names = "--test-labels", paramLabel = "FILE", description = "the IDX labels of --test")
    Path testLabels;
}
