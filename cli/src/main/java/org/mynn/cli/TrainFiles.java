package org.mynn.cli;

import java.nio.file.Path;
import org.mynn.data.Dataset;
import org.mynn.data.DatasetSource;
import org.mynn.data.Datasets;
import org.mynn.data.Split;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Training data given as files: {@code --train}, {@code --train-labels}, {@code --classes}. */
final class TrainFiles {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--train", paramLabel = "FILE", description = "training data: the book's CSV, or IDX images (raw or .gz)")
    Path train;

    @Option(names = "--train-labels", paramLabel = "FILE", description = "the IDX labels of --train")
    Path trainLabels;

    @Option(names = "--classes", paramLabel = "N", defaultValue = "10",
            description = "number of classes of data given as files (default: ${DEFAULT-VALUE})")
    int classes;

    /** @return true when the training data comes from files */
    boolean given() {
        return train != null;
    }

    /** @return the training set: {@code --train} files, else the named dataset's train split (mnist by default) */
    Dataset load(DatasetOption named, DatasetSource source) {
        if (train != null && named.dataset != null) {
            throw BaseCommand.usage(mixee, "give --dataset or --train, not both");
        }
        if (trainLabels != null && train == null) {
            throw BaseCommand.usage(mixee, "--train-labels needs --train");
        }
        if (train != null) {
            if (classes < 1 || classes > 256) {
                throw BaseCommand.usage(mixee, "--classes must be from 1 to 256 but is " + classes);
            }
            return Datasets.fromFiles(train, trainLabels, Dataset.numberedClasses(classes));
        }
        return named.load(source, Split.TRAIN);
    }
}
