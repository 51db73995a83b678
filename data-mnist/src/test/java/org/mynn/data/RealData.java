package org.mynn.data;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mynn.data.fetch.DataCache;
import org.mynn.data.fetch.Fetcher;
import org.mynn.data.fetch.ProgressListener;

/**
 * The real datasets for tests, from the cache ({@code $MYNN_DATA} or {@code ~/.cache/mynn}), fetched on first use
 * exactly as {@code mynn fetch} does (CI fetches them before the tests). Loaded once per test JVM.
 */
public final class RealData {

    private static final Map<String, Map<Split, Dataset>> LOADED = new HashMap<>();

    private RealData() {
    }

    /** @return the datasets over the real cache */
    public static Datasets datasets() {
        return new Datasets(new DatasetCatalog(List.of(BuiltInDatasets.MNIST, BuiltInDatasets.FASHION_MNIST)),
                new Fetcher(new DataCache(DataCache.resolveRoot(null)), ProgressListener.NONE, Fetcher.Settings.DEFAULT));
    }

    public static synchronized Dataset load(String name, Split split) {
        return LOADED.computeIfAbsent(name, n -> new EnumMap<>(Split.class))
                .computeIfAbsent(split, s -> datasets().load(name, s));
    }

    public static Dataset mnist(Split split) {
        return load("mnist", split);
    }
}
