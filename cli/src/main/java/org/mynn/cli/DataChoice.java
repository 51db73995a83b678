package org.mynn.cli;

import java.util.List;
import org.mynn.data.Dataset;
import org.mynn.data.DatasetSource;
import org.mynn.data.Datasets;
import org.mynn.data.Split;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Turns the data options of a command into datasets. */
final class DataChoice {

    private DataChoice() {
    }

    /** The training set: {@code --train} files, else the named dataset's train split (mnist by default). */
    static Dataset train(CommandSpec spec, DatasetOption named, TrainFiles files, DatasetSource source) {
        if (files.train != null && named.dataset != null) {
            throw new ParameterException(spec.commandLine(), "give --dataset or --train, not both");
        }
        if (files.trainLabels != null && files.train == null) {
            throw new ParameterException(spec.commandLine(), "--train-labels needs --train");
        }
        if (files.train != null) {
            if (files.classes < 1 || files.classes > 256) {
                throw new ParameterException(spec.commandLine(), "--classes must be from 1 to 256 but is " + files.classes);
            }
            return Datasets.fromFiles(files.train, files.trainLabels, Dataset.numberedClasses(files.classes));
        }
        return named.source(source).load(name(named), Split.TRAIN);
    }

    /**
     * The test set: {@code --test} files, else the named dataset's test split; null when training from files
     * without {@code --test}.
     *
     * @param classes class names for test files
     */
    static Dataset test(CommandSpec spec, DatasetOption named, TestFiles files, DatasetSource source,
            boolean trainFromFiles, List<String> classes) {
        if (files.testLabels != null && files.test == null) {
            throw new ParameterException(spec.commandLine(), "--test-labels needs --test");
        }
        if (files.test != null) {
            if (named.dataset != null) {
                throw new ParameterException(spec.commandLine(), "give --dataset or --test, not both");
            }
            return Datasets.fromFiles(files.test, files.testLabels, classes);
        }
        if (trainFromFiles) {
            return null;
        }
        return named.source(source).load(name(named), Split.TEST);
    }

    static String name(DatasetOption named) {
        return named.dataset == null ? "mnist" : named.dataset;
    }
}
