package org.mynn.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.mynn.core.MynnException;
import org.mynn.core.io.AtomicFiles;

/** Opening data files: missing, folder, unreadable and empty files are refused with one clear line; gzip is
 * recognised by its magic bytes, never by the file name. */
final class DataFiles {

    static final int BUFFER = 1 << 16;

    private DataFiles() {
    }

    /**
     * An open data file: its decompressed bytes, whether it was gzip, its size, and the SHA-256 of its bytes as
     * stored, computed as they are read.
     */
    record Opened(InputStream in, boolean gzip, long fileSize, DigestInputStream raw) {

        /** @return the SHA-256 of the whole file, in hex: reads what is left of it first; call once, at the end */
        String sha256() throws IOException {
            raw.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(raw.getMessageDigest().digest());
        }
    }

    /**
     * @param expected what the file should be, for the message about an empty file, e.g. "an IDX file"
     * @throws MynnException when the file is missing, a folder, unreadable or empty
     */
    static Opened open(Path file, String expected) {
        if (Files.isDirectory(file)) {
            throw new MynnException(file + ": is a folder, not a file");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            String kind = AtomicFiles.kind(AtomicFiles.resolve(file));
            throw new MynnException(file + ": is " + (kind == null ? "not a regular file" : kind) + ", not a data file; expected "
                    + expected);
        }
        try {
            long size = Files.size(file);
            if (size == 0) {
                throw new MynnException(file + ": is empty; expected " + expected);
            }
            DigestInputStream digest = new DigestInputStream(Files.newInputStream(file), sha256());
            BufferedInputStream raw = new BufferedInputStream(digest, BUFFER);
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                try {
                    return new Opened(new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER), true, size, digest);
                } catch (IOException e) {
                    raw.close();
                    throw readFailure(file, e);
                }
            }
            return new Opened(raw, false, size, digest);
        } catch (NoSuchFileException e) {
            throw new MynnException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new MynnException(file + ": cannot be read (permission denied)");
        } catch (IOException e) {
            throw readFailure(file, e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** @return the one-line error for an I/O failure while reading {@code file} */
    static MynnException readFailure(Path file, IOException e) {
        if (e instanceof ZipException) {
            return new MynnException(file + ": corrupt gzip data (" + e.getMessage() + ")");
        }
        if (e instanceof EOFException) {
            return new MynnException(file + ": the gzip data ends early (a truncated file or an interrupted download)");
        }
        if (e instanceof AccessDeniedException) {
            return new MynnException(file + ": cannot be read (permission denied)");
        }
        return new MynnException(file + ": cannot be read: " + e.getMessage(), e);
    }

    /**
     * Reads up to {@code buf.length} bytes, growing nothing: returns how many arrived before the end of the stream.
     */
    static int readFully(InputStream in, byte[] buf, int off, int len) throws IOException {
        int n = 0;
        while (n < len) {
            int r = in.read(buf, off + n, len - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }
}
