package org.mynn.cli.option;

import java.nio.file.Path;
import org.mynn.data.Dataset;
import org.mynn.data.DatasetSource;
import org.mynn.data.Datasets;
import org.mynn.data.Split;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Training data given as files: {@code --train}, {@code --train-labels}, {@code --classes}. */
public final class TrainFiles {

    @Spec(Spec.Target.MIXEE)
    public CommandSpec mixee;

    @Option(names = "--train", paramLabel = "FILE", description = "training data: the book's CSV, or IDX images (raw or .gz)")
    public Path train;

    @Option(names = "--train-labels", paramLabel = "FILE", description = "the IDX labels of --train")
    public Path trainLabels;

    @Option(names = "--classes", paramLabel = "N", defaultValue = "10",
            description = "number of classes of data given as files (default: ${DEFAULT-VALUE})")
    public int classes;

    /** @return true when the training data comes from files */
    public boolean given() {
        return train != null;
    }

    /** @return the training set: {@code --train} files, else the named dataset's train split (mnist by default) */
    public Dataset load(DatasetOption named, DatasetSource source) {
        if (train != null && named.dataset != null) {
            throw Options.usage(mixee, "give --dataset or --train, not both");
        }
        if (trainLabels != null && train == null) {
            throw Options.usage(mixee, "--train-labels needs --train");
        }
        if (train != null) {
            if (classes < 1 || classes > 256) {
                throw Options.usage(mixee, "--classes must be from 1 to 256 but is " + classes);
            }
            return Datasets.fromFiles(train, trainLabels, Dataset.numberedClasses(classes));
        }
        return named.load(source, Split.TRAIN);
    }
}
