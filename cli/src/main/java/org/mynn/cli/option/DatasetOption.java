package org.mynn.cli.option;

import java.nio.file.Path;
import org.mynn.cli.service.Choices;
import org.mynn.data.Dataset;
import org.mynn.data.DatasetSource;
import org.mynn.data.Split;
import picocli.CommandLine.Option;

/** {@code --dataset NAME} and {@code --data-dir DIR}: a named dataset (mnist unless given). */
public final class DatasetOption {

    @Option(names = "--dataset", completionCandidates = Choices.Datasets.class, paramLabel = "NAME", description = "a named dataset: mnist or fashion-mnist")
    public String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "where datasets are cached (default: $MYNN_DATA, else ~/.cache/mynn)")
    public Path dataDir;

    /** @return {@code base}, caching in {@code --data-dir} when given */
    public DatasetSource source(DatasetSource base) {
        return dataDir == null ? base : base.withDataDir(dataDir);
    }

    /** @return the dataset's name: {@code --dataset}, else mnist */
    public String name() {
        return dataset == null ? "mnist" : dataset;
    }

    /** @return a split of the named dataset, fetched first when needed */
    public Dataset load(DatasetSource base, Split split) {
        return source(base).load(name(), split);
    }
}
