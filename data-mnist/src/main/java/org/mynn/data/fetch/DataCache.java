package org.mynn.data.fetch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mynn.core.MynnException;
import org.mynn.core.io.AtomicFiles;

/**
 * The folder datasets are kept in: {@code <root>/<dataset>/<file>}, each verified file with a {@code .sha256}
 * note beside it (hash, size, modification time) so it is not hashed again on every load.
 */
public final class DataCache {

    /** The environment variable naming the cache folder. */
    public static final String ENV = "MYNN_DATA";

    private final Path root;

    public DataCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * The cache folder: {@code explicit} when given, else {@code $MYNN_DATA}, else {@code ~/.cache/mynn}.
     */
    public static Path resolveRoot(String explicit) {
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "mynn");
    }

    public Path root() {
        return root;
    }

    /** @return the dataset's folder (not created) */
    public Path folder(DatasetDescriptor d) {
        return root.resolve(d.name());
    }

    /** @return where the file is kept */
    public Path path(DatasetDescriptor d, RemoteFile f) {
        return folder(d).resolve(f.name());
    }

    /** @return the dataset's folder, created if missing */
    public Path createFolder(DatasetDescriptor d) {
        Path dir = folder(d);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new MynnException("cannot create the data folder " + dir + ": " + e.getMessage()
                    + " (choose another with --data-dir or " + ENV + ")");
        }
        return dir;
    }

    /** @return true when the file is present and was verified, and has not changed since */
    public boolean isVerified(DatasetDescriptor d, RemoteFile f) {
        Path file = path(d, f);
        Path note = note(file);
        try {
            if (!Files.isRegularFile(file) || !Files.isRegularFile(note)) {
                return false;
            }
            String[] parts = Files.readString(note, StandardCharsets.US_ASCII).trim().split("\\s+");
            return parts.length == 3 && parts[0].equals(f.sha256()) && Long.parseLong(parts[1]) == Files.size(file)
                    && Long.parseLong(parts[2]) == Files.getLastModifiedTime(file).toMillis();
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /** Records that {@code file} was verified against {@code f}'s hash. */
    void markVerified(DatasetDescriptor d, RemoteFile f) throws IOException {
        Path file = path(d, f);
        String line = f.sha256() + " " + Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis() + "\n";
        AtomicFiles.write(note(file), line.getBytes(StandardCharsets.US_ASCII));
    }

    private static Path note(Path file) {
        return file.resolveSibling(file.getFileName() + ".sha256");
    }
}
