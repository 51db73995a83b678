package org.mynn.data;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mynn.core.Labelled;
import org.mynn.core.MynnException;
import org.mynn.core.model.Provenance;
import org.mynn.core.io.Sniff;
import org.mynn.core.train.TrainingData;
import org.mynn.data.fetch.DataCache;
import org.mynn.data.fetch.DatasetDescriptor;
import org.mynn.data.fetch.Fetcher;
import org.mynn.data.fetch.RemoteFile;

/** Loads datasets by name (fetching them into the cache first when needed) or from explicit files. */
public final class Datasets implements DatasetSource {

    private final DatasetCatalog catalog;
    private final Fetcher fetcher;
    private final Augment augment;

    /** With the augmentations mynn's own class loader sees. */
    public Datasets(DatasetCatalog catalog, Fetcher fetcher) {
        this(catalog, fetcher, Augment.builtIn());
    }

    @Inject
    public Datasets(DatasetCatalog catalog, Fetcher fetcher, Augment augment) {
        this.catalog = catalog;
        this.fetcher = fetcher;
        this.augment = augment;
    }

    @Override
    public Datasets withDataDir(Path dir) {
        return new Datasets(catalog, fetcher.with(new DataCache(dir), fetcher.settings()), augment);
    }

    @Override
    public Datasets withMirrors(List<URI> mirrors) {
        return new Datasets(catalog, fetcher.with(fetcher.cache(), new Fetcher.Settings(List.copyOf(mirrors),
                fetcher.settings().timeout())), augment);
    }

    @Override
    public List<String> names() {
        return catalog.names();
    }

    public DatasetCatalog catalog() {
        return catalog;
    }

    /** @return the cache folder in use */
    @Override
    public Path dataDir() {
        return fetcher.cache().root();
    }

    /**
     * Loads a split of a named dataset, fetching and verifying its files first when they are not in the cache.
     *
     * @throws MynnException for an unknown name, a failed fetch or a damaged file
     */
    @Override
    public Dataset load(String name, Split split) {
        DatasetDescriptor d = catalog.get(name);
        List<RemoteFile> files = d.files(split == Split.TRAIN);
        List<Path> paths = fetcher.ensure(d, files);
        String label = d.name() + "/" + split.label();
        Dataset data = IdxReader.read(paths.get(0), paths.get(1), d.classes(), label);
        List<Provenance.DataFile> verified = new ArrayList<>();
        for (RemoteFile f : files) {
            verified.add(new Provenance.DataFile(f.name(), f.sha256()));
        }
        return data.withReference(new Provenance.DataReference(label, d.name(), split.label(), dataDir().toString(),
                data.size(), d.classes().size(), verified, null));
    }

    /**
     * Loads the data {@code ref} refers to again, as a checkpoint's run resumes: the named dataset (from the same
     * cache folder) or the same files, checked to be the same bytes by their SHA-256, the same records of them, with the
     * same augmentation drawn from the same seed.
     *
     * @throws MynnException when the data cannot be found or is not the same any more
     */
    @Override
    public TrainingData reload(Provenance.DataReference ref, String what) {
        Dataset data;
        if (ref.dataset() != null) {
            DatasetSource source = ref.dataDir() == null ? this : withDataDir(Path.of(ref.dataDir()));
            data = source.load(ref.dataset(), Labelled.parse(Split.class, ref.split(), "split"));
        } else if (!ref.files().isEmpty()) {
            List<String> classes = Dataset.numberedClasses(ref.classes() == null ? 10 : ref.classes());
            Path first = Path.of(ref.files().get(0).path());
            Path labels = ref.files().size() > 1 ? Path.of(ref.files().get(1).path()) : null;
            data = fromFiles(first, labels, classes);
            for (int i = 0; i < ref.files().size(); i++) {
                String was = ref.files().get(i).sha256();
                String now = data.reference().files().get(i).sha256();
                if (was != null && !was.equals(now)) {
                    throw new MynnException(what + ": " + ref.files().get(i).path() + " has changed since (SHA-256 "
                            + now + ", not " + was + "), so the run cannot continue exactly");
                }
            }
        } else {
            throw new MynnException(what + ": does not say which data it was trained on");
        }
        if (ref.range() != null) {
            int[] r = range(ref.range(), what);
            if (r[1] > data.size()) {
                throw new MynnException(what + ": refers to records " + ref.range() + " of " + data.name() + ", which has "
                        + data.size() + "; the data changed, so the run cannot continue exactly");
            }
            data = data.part(r[0], r[1]);
        }
        TrainingData out = data;
        if (ref.augment() != null) {
            try {
                out = augment.apply(data, ref.augment(), ref.seed() == null ? 0 : ref.seed());
            } catch (MynnException e) {
                throw new MynnException(what + ": its augmentation " + e.getMessage());
            }
        }
        if (ref.size() != null && out.size() != ref.size()) {
            throw new MynnException(what + ": was trained on " + ref.name() + " (" + ref.size() + " samples) but "
                    + out.name() + " has " + out.size() + "; the data changed, so the run cannot continue exactly");
        }
        return out;
    }

    private static int[] range(String range, String what) {
        String[] p = range.split(":");
        try {
            int from = Integer.parseInt(p[0]);
            int to = Integer.parseInt(p[1]);
            if (p.length == 2 && from >= 0 && from <= to) {
                return new int[] {from, to};
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            // falls through to the message
        }
        throw new MynnException(what + ": the data's range '" + range + "' is not FROM:TO");
    }

    /** Fetches and verifies all four files of a named dataset; @return their paths */
    @Override
    public List<Path> fetch(String name) {
        DatasetDescriptor d = catalog.get(name);
        return fetcher.ensure(d, d.allFiles());
    }

    /**
     * Loads a dataset from files: the book's CSV (labels inside, {@code labels} null), or an IDX image file with
     * its IDX label file. Either may be gzip-compressed.
     *
     * @param classes class names; labels must be below their count
     * @throws MynnException naming the file and the problem
     */
    public static Dataset fromFiles(Path data, Path labels, List<String> classes) {
        if (labels != null) {
            return IdxReader.read(data, labels, classes, data.getFileName().toString());
        }
        byte[] head = head(data);
        if (head.length >= 4 && head[0] == 0 && head[1] == 0 && head[2] == 8) {
            throw new MynnException(data + ": is an IDX file; give its labels file too (IDX images and labels come"
                    + " in pairs)");
        }
        if (head.length > 0 && !(head[0] >= '0' && head[0] <= '9') && (head[0] & 0xff) != 0xEF) {
            throw new MynnException(data + ": is not the book's CSV (a label and the pixels per line): it starts with "
                    + Sniff.describe(head));
        }
        return CsvReader.read(data, classes);
    }

    private static byte[] head(Path file) {
        DataFiles.Opened f = DataFiles.open(file, "a dataset file (CSV or IDX)");
        try (InputStream in = f.in()) {
            return in.readNBytes(8);
        } catch (IOException e) {
            throw DataFiles.readFailure(file, e);
        }
    }
}
