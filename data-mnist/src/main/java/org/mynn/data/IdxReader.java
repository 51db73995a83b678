package org.mynn.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.mynn.core.MynnException;
import org.mynn.core.io.Sniff;
import org.mynn.core.model.Provenance;

/**
 * Reads LeCun's IDX files, raw or gzip-compressed: image files (magic {@code 0x00000803}: unsigned bytes,
 * count x rows x cols) and label files (magic {@code 0x00000801}: count unsigned bytes).
 *
 * <p>Everything is checked before it is trusted: the magic number, every dimension, that the file holds exactly
 * as many bytes as its header declares (not one more, not one less), and that a declared size fits in memory
 * before anything is allocated for it.
 */
public final class IdxReader {

    /** The magic number of an IDX file of unsigned-byte images (3 dimensions). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** The magic number of an IDX file of unsigned-byte labels (1 dimension). */
    public static final int LABELS_MAGIC = 0x00000801;
    /** The most bytes one file may declare: what a Java array can hold. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 64;
    /** Declared sizes up to this are allocated at once; beyond it the buffer grows only as data arrives. */
    private static final int FIRST_CHUNK = 64 << 20;

    private IdxReader() {
    }

    /** The content of an IDX image file, and the SHA-256 of the file. */
    public record Images(int count, int rows, int cols, byte[] pixels, String sha256) {
    }

    /** The content of an IDX label file, and the SHA-256 of the file. */
    public record Labels(byte[] labels, String sha256) {
    }

    /**
     * Reads an image file and its labels file as one dataset, which refers to both files by their paths and SHA-256.
     *
     * @throws MynnException naming the file and what is wrong
     */
    public static Dataset read(Path images, Path labels, List<String> classes, String name) {
        Images img = readImages(images);
        Labels read = readLabels(labels);
        byte[] lab = read.labels();
        if (img.count() != lab.length) {
            throw new MynnException(images + " has " + img.count() + " images but " + labels + " has " + lab.length
                    + " labels; they must have one label per image");
        }
        for (int i = 0; i < lab.length; i++) {
            if ((lab[i] & 0xff) >= classes.size()) {
                throw new MynnException(labels + ": label " + (lab[i] & 0xff) + " of record " + i
                        + " is outside the classes 0.." + (classes.size() - 1));
            }
        }
        Provenance.DataReference ref = new Provenance.DataReference(name, null, null, null, lab.length, classes.size(),
                List.of(new Provenance.DataFile(images.toAbsolutePath().toString(), img.sha256()),
                        new Provenance.DataFile(labels.toAbsolutePath().toString(), read.sha256())), null);
        return new Dataset(name, img.rows(), img.cols(), img.pixels(), lab, classes, ref);
    }

    /** @throws MynnException naming the file and what is wrong */
    public static Images readImages(Path file) {
        DataFiles.Opened f = DataFiles.open(file, "an IDX image file");
        try (InputStream in = f.in()) {
            int[] dims = header(file, in, IMAGES_MAGIC, 3, "image");
            long body = (long) dims[0] * dims[1] * dims[2];
            String what = dims[0] + " images of " + dims[1] + "x" + dims[2];
            byte[] pixels = body(file, f, in, 4 + 4 * 3, body, what);
            return new Images(dims[0], dims[1], dims[2], pixels, f.sha256());
        } catch (IOException e) {
            throw DataFiles.readFailure(file, e);
        }
    }

    /** @throws MynnException naming the file and what is wrong */
    public static Labels readLabels(Path file) {
        DataFiles.Opened f = DataFiles.open(file, "an IDX label file");
        try (InputStream in = f.in()) {
            int[] dims = header(file, in, LABELS_MAGIC, 1, "label");
            return new Labels(body(file, f, in, 4 + 4, dims[0], dims[0] + " labels"), f.sha256());
        } catch (IOException e) {
            throw DataFiles.readFailure(file, e);
        }
    }

    private static int[] header(Path file, InputStream in, int magic, int dims, String kind) throws IOException {
        int headerBytes = 4 + 4 * dims;
        byte[] head = new byte[headerBytes];
        int got = DataFiles.readFully(in, head, 0, headerBytes);
        if (got >= 4) {
            int found = readInt(head, 0);
            if (found != magic) {
                String is = Sniff.kind(head);
                throw new MynnException(file + ": not an IDX " + kind + " file: expected magic number "
                        + String.format("0x%08x", magic) + " but found " + String.format("0x%08x", found)
                        + (is == null ? "" : " (" + is + ")"));
            }
        }
        if (got < headerBytes) {
            throw new MynnException(file + ": truncated header: an IDX " + kind + " file starts with " + headerBytes
                    + " bytes but this one has " + got);
        }
        int[] out = new int[dims];
        for (int d = 0; d < dims; d++) {
            long v = readInt(head, 4 + 4 * d) & 0xffffffffL;
            if (v == 0 || v > Integer.MAX_VALUE) {
                throw new MynnException(file + ": header declares dimension " + d + " as " + v
                        + "; expected a size from 1 to " + Integer.MAX_VALUE);
            }
            out[d] = (int) v;
        }
        return out;
    }

    private static byte[] body(Path file, DataFiles.Opened f, InputStream in, int headerBytes, long body, String what)
            throws IOException {
        if (body > MAX_BYTES) {
            throw new MynnException(file + ": header declares " + what + " (" + body + " bytes), more than mynn can"
                    + " hold in memory (at most " + MAX_BYTES + " bytes)");
        }
        long expectedSize = headerBytes + body;
        if (!f.gzip() && f.fileSize() != expectedSize) {
            throw new MynnException(file + ": " + (f.fileSize() < expectedSize ? "truncated: " : "")
                    + "the header declares " + what + " (" + expectedSize + " bytes in all) but the file has "
                    + f.fileSize() + " bytes");
        }
        int n = (int) body;
        byte[] buf = new byte[f.gzip() ? Math.min(n, FIRST_CHUNK) : n];
        int have = 0;
        while (true) {
            have += DataFiles.readFully(in, buf, have, buf.length - have);
            if (have < buf.length || buf.length == n) {
                break;
            }
            buf = Arrays.copyOf(buf, (int) Math.min(n, 2L * buf.length)); // grow only as real data arrives
        }
        if (have < n) {
            throw new MynnException(file + ": truncated: the header declares " + what + " (" + expectedSize
                    + " bytes in all) but the data ends after " + (headerBytes + have) + " bytes");
        }
        if (f.gzip() && in.read() >= 0) {
            throw new MynnException(file + ": the data goes on after the " + what + " its header declares ("
                    + expectedSize + " bytes)");
        }
        return buf;
    }

    private static int readInt(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }
}
