package org.mynn.bench;

import java.util.List;
import org.mynn.data.BuiltInDatasets;
import org.mynn.data.Dataset;
import org.mynn.data.DatasetCatalog;
import org.mynn.data.Datasets;
import org.mynn.data.Split;
import org.mynn.data.fetch.DataCache;
import org.mynn.data.fetch.Fetcher;
import org.mynn.data.fetch.ProgressListener;

/** The real MNIST from the cache, fetched when missing. */
final class Data {

    private Data() {
    }

    static Datasets datasets() {
        return new Datasets(new DatasetCatalog(List.of(BuiltInDatasets.MNIST)),
                new Fetcher(new DataCache(DataCache.resolveRoot(null)), ProgressListener.NONE, Fetcher.Settings.DEFAULT));
    }

    static Dataset mnist(Split split) {
        return datasets().load("mnist", split);
    }
}
