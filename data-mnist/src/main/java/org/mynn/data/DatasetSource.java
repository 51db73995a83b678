package org.mynn.data;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.mynn.core.model.Provenance;
import org.mynn.core.train.TrainingData;

/** Where named datasets come from; {@link Datasets} is the real one, tests bind a small one in memory. */
public interface DatasetSource {

    /** @return a split of a named dataset, fetched first when needed */
    Dataset load(String name, Split split);

    /** Fetches and verifies all files of a named dataset; @return their paths */
    List<Path> fetch(String name);

    /** @return the names it knows, sorted */
    List<String> names();

    /** @return the folder datasets are cached in */
    Path dataDir();

    /** @return the same source, caching in {@code dir} */
    DatasetSource withDataDir(Path dir);

    /**
     * Loads what {@code ref} refers to again (a named dataset, or files checked by their SHA-256), augmented as it
     * was.
     *
     * @param what names what holds the reference, for errors, e.g. the checkpoint's file name
     */
    TrainingData reload(Provenance.DataReference ref, String what);

    /** @return the same source, trying these HTTP(S) mirrors instead of each dataset's own */
    DatasetSource withMirrors(List<URI> mirrors);
}
