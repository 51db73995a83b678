package org.mynn.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.mynn.core.MynnException;
import org.mynn.core.model.Provenance.DataFile;
import org.mynn.core.model.Provenance.DataReference;

/**
 * Finds the data a model's record names, on this machine: a file at its recorded path (absolute in files of mynn
 * before 0.4, else relative to the folder mynn runs in), beside the model file, or in a folder given to look in, by
 * its name first and then by the SHA-256 the record holds. A file is taken only when its SHA-256 is the recorded one.
 * A named dataset (mnist) is found in the data folder given, else in the one recorded when it is still there, else in
 * mynn's cache.
 */
public final class DataLocator {

    /** How deep below a folder given to look in files are searched by their SHA-256. */
    static final int DEPTH = 3;

    /**
     * The data found: the reference with each file's path where it is on this machine, and what a person should be
     * told about it (e.g. "the recorded train.csv is /data/mnist/train.csv (the same SHA-256)").
     */
    public record Found(DataReference ref, List<String> notes) {
    }

    private DataLocator() {
    }

    /**
     * @param ref     what the record names
     * @param role    what the data was for, e.g. "training data"
     * @param model   the model file holding the record: its folder is looked in too; may be null
     * @param folder  a folder to look in (reproduce's {@code --data-dir}); null for none
     * @param what    names the record, for errors, e.g. the model file
     * @throws MynnException naming the recorded file and its SHA-256 when no file with that SHA-256 is found
     */
    public static Found locate(DataReference ref, String role, Path model, Path folder, String what) {
        List<String> notes = new ArrayList<>();
        if (ref.dataset() != null) {
            String dir = folder != null ? folder.toString()
                    : ref.dataDir() != null && Files.isDirectory(Path.of(ref.dataDir())) ? ref.dataDir() : null;
            return new Found(new DataReference(ref.name(), ref.dataset(), ref.split(), dir, ref.size(), ref.classes(),
                    ref.files(), ref.augment(), ref.seed(), ref.range()), notes);
        }
        List<DataFile> files = new ArrayList<>();
        for (DataFile f : ref.files()) {
            Path at = find(f, role, model, folder, what);
            if (!Path.of(f.path()).toAbsolutePath().normalize().equals(at.toAbsolutePath().normalize())) {
                notes.add("using " + at + " for the recorded " + role + " " + f.path() + " (the same SHA-256)");
            }
            files.add(new DataFile(at.toString(), f.sha256()));
        }
        return new Found(new DataReference(ref.name(), ref.dataset(), ref.split(), ref.dataDir(), ref.size(), ref.classes(),
                files, ref.augment(), ref.seed(), ref.range()), notes);
    }

    private static Path find(DataFile f, String role, Path model, Path folder, String what) {
        Path recorded = Path.of(f.path());
        Set<Path> byName = new LinkedHashSet<>();
        byName.add(recorded);
        Path name = recorded.getFileName();
        if (!recorded.isAbsolute() && model != null) {
            Path beside = model.toAbsolutePath().getParent();
            if (beside != null) {
                byName.add(beside.resolve(recorded));
            }
        }
        if (folder != null) {
            if (!recorded.isAbsolute()) {
                byName.add(folder.resolve(recorded));
            }
            if (name != null) {
                byName.add(folder.resolve(name));
            }
        }
        if (f.sha256() == null) {
            return byName.stream().filter(Files::isRegularFile).findFirst().orElse(recorded);
        }
        String differs = null;
        for (Path p : byName) {
            if (Files.isRegularFile(p)) {
                String sha = sha256(p);
                if (sha.equals(f.sha256())) {
                    return p;
                }
                if (differs == null) {
                    differs = p + " has other bytes (SHA-256 " + sha + ")";
                }
            }
        }
        if (folder != null) {
            Optional<Path> bySum = search(folder, f.sha256(), byName);
            if (bySum.isPresent()) {
                return bySum.get();
            }
        }
        String where = folder == null ? "; give the folder that holds it with --data-dir DIR"
                : ", and no file in " + folder + " has that SHA-256";
        throw new MynnException(what + ": its " + role + " " + f.path() + " (SHA-256 " + f.sha256() + ") is not found: "
                + (differs == null ? "no such file" : differs) + where);
    }

    private static Optional<Path> search(Path folder, String sha256, Set<Path> tried) {
        if (!Files.isDirectory(folder)) {
            throw new MynnException(folder + ": no such folder (--data-dir)");
        }
        try (Stream<Path> walk = Files.walk(folder, DEPTH)) {
            return walk.filter(Files::isRegularFile).filter(p -> !tried.contains(p)).sorted()
                    .filter(p -> sha256.equals(sha256(p))).findFirst();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new MynnException(folder + ": cannot be searched: " + e.getMessage());
        }
    }

    /** @return the SHA-256 of the file's bytes, in hex; "unreadable" when it cannot be read */
    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (IOException e) {
            return "unreadable";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
