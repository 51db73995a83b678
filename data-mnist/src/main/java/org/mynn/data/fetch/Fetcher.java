package org.mynn.data.fetch;

import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.mynn.core.MynnException;

/**
 * Makes sure a dataset's files are in the cache and verified, fetching what is missing.
 *
 * <p>For each missing file the sources are tried in order: a copy already in the cache folder (placed by hand,
 * raw or {@code .gz}), the HTTP mirrors, then the dataset's fallbacks. Bytes go to a temporary file, are
 * decompressed (when gzip, by magic bytes) while their SHA-256 is computed, and only a match is renamed to the
 * final name. When every source fails the error lists each one and why, and says how to place the files by hand.
 */
public final class Fetcher {

    /** Where to look besides the dataset's own defaults. */
    public record Settings(List<URI> mirrors, Duration timeout) {
        /** The dataset's own mirrors, 30 s timeouts. */
        public static final Settings DEFAULT = new Settings(null, Duration.ofSeconds(30));
    }

    private final DataCache cache;
    private final ProgressListener progress;
    private final Settings settings;

    @Inject
    public Fetcher(DataCache cache, ProgressListener progress, Settings settings) {
        this.cache = cache;
        this.progress = progress;
        this.settings = settings;
    }

    public DataCache cache() {
        return cache;
    }

    public Settings settings() {
        return settings;
    }

    /** @return a fetcher with the same progress listener, over another cache and settings */
    public Fetcher with(DataCache otherCache, Settings otherSettings) {
        return new Fetcher(otherCache, progress, otherSettings);
    }

    /**
     * Ensures {@code files} of {@code d} are verified in the cache.
     *
     * @return the files' paths, in the order given
     * @throws MynnException when a file cannot be had from any source
     */
    public List<Path> ensure(DatasetDescriptor d, List<RemoteFile> files) {
        List<Path> out = new ArrayList<>();
        List<FetchSource> sources = null;
        try {
            for (RemoteFile f : files) {
                if (!cache.isVerified(d, f)) {
                    if (sources == null) {
                        sources = sources(d);
                    }
                    fetchOne(d, f, sources);
                }
                out.add(cache.path(d, f));
            }
        } finally {
            if (sources != null) {
                sources.forEach(FetchSource::close);
            }
        }
        return out;
    }

    private List<FetchSource> sources(DatasetDescriptor d) {
        List<FetchSource> s = new ArrayList<>();
        s.add(new LocalFolderSource(cache.folder(d), "files already in " + cache.folder(d)));
        for (URI m : settings.mirrors() != null ? settings.mirrors() : d.mirrors()) {
            s.add(new HttpSource(m, settings.timeout()));
        }
        s.addAll(d.fallbacks());
        return s;
    }

    private void fetchOne(DatasetDescriptor d, RemoteFile f, List<FetchSource> sources) {
        Path dir = cache.createFolder(d);
        List<String> failures = new ArrayList<>();
        for (FetchSource source : sources) {
            Path tmp = null;
            try {
                tmp = Files.createTempFile(dir, "." + f.name() + ".", ".part");
                source.fetch(f, tmp, progress);
                install(d, f, tmp);
                return;
            } catch (IOException | MynnException e) {
                failures.add(source.describe() + ": " + e.getMessage());
            } finally {
                deleteQuietly(tmp);
            }
        }
        StringBuilder msg = new StringBuilder("could not fetch " + f.name() + " of dataset '" + d.name()
                + "'; tried:");
        for (String why : failures) {
            msg.append("\n  - ").append(why);
        }
        msg.append("\nTo place the files by hand, put ").append(String.join(", ", d.allFiles().stream()
                .map(RemoteFile::name).toList())).append(" (raw or .gz) into ").append(dir)
                .append("; mynn checks their SHA-256.");
        throw new MynnException(msg.toString());
    }

    /** Decompresses (if gzip) and hashes {@code tmp}; renames the result into place only when it matches. */
    private void install(DatasetDescriptor d, RemoteFile f, Path tmp) throws IOException {
        Path target = cache.path(d, f);
        Path verified = Files.createTempFile(target.getParent(), "." + f.name() + ".", ".verify");
        try {
            MessageDigest sha = sha256();
            long size;
            try (InputStream in = maybeGunzip(tmp);
                    OutputStream out = new DigestOutputStream(Files.newOutputStream(verified), sha)) {
                size = in.transferTo(out);
            } catch (java.util.zip.ZipException | java.io.EOFException e) {
                throw new IOException("corrupt or truncated gzip data (" + e.getMessage() + ")");
            }
            String hex = HexFormat.of().formatHex(sha.digest());
            if (!hex.equals(f.sha256())) {
                throw new IOException("SHA-256 mismatch: expected " + f.sha256() + " but got " + hex + " (" + size
                        + " bytes)");
            }
            org.mynn.core.io.AtomicFiles.givePermissions(verified, target);
            try {
                Files.move(verified, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(verified, target, StandardCopyOption.REPLACE_EXISTING);
            }
            cache.markVerified(d, f);
        } finally {
            deleteQuietly(verified);
        }
    }

    private static InputStream maybeGunzip(Path file) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        boolean gz = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return gz ? new GZIPInputStream(in, 1 << 16) : in;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a leftover .part file is ignored by the cache and overwritten next time
            }
        }
    }
}
