package org.mynn.cli.option;

import java.nio.file.Path;
import java.util.List;
import org.mynn.data.Dataset;
import org.mynn.data.DatasetSource;
import org.mynn.data.Datasets;
import org.mynn.data.Split;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Test data given as files: {@code --test}, {@code --test-labels}. */
public final class TestFiles {

    @Spec(Spec.Target.MIXEE)
    public CommandSpec mixee;

    @Option(names = "--test", paramLabel = "FILE", description = "test data: the book's CSV, or IDX images (raw or .gz)")
    public Path test;

    @Option(names = "--test-labels", paramLabel = "FILE", description = "the IDX labels of --test")
    public Path testLabels;

    /**
     * @param trainFromFiles true when the training data came from files: then there is no test set unless
     *                       {@code --test} gives one
     * @param classes        class names for test files
     * @return the test set: {@code --test} files, else the named dataset's test split; null when training from files
     *         without {@code --test}
     */
    public Dataset load(DatasetOption named, DatasetSource source, boolean trainFromFiles, List<String> classes) {
        if (testLabels != null && test == null) {
            throw Options.usage(mixee, "--test-labels needs --test");
        }
        if (test != null) {
            if (named.dataset != null) {
                throw Options.usage(mixee, "give --dataset or --test, not both");
            }
            return Datasets.fromFiles(test, testLabels, classes);
        }
        return trainFromFiles ? null : named.load(source, Split.TEST);
    }
}
