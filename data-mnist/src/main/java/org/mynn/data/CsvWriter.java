package org.mynn.data;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.mynn.core.io.AtomicFiles;

/**
 * Writes a dataset as the book's CSV, byte for byte as the usual IDX-to-CSV conversion does: per record the label,
 * then the pixels, comma-separated, each line ended by {@code \n}, no header. Atomic.
 */
public final class CsvWriter {

    private static final byte[][] NUMBERS = new byte[256][];

    static {
        for (int i = 0; i < 256; i++) {
            NUMBERS[i] = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
        }
    }

    private CsvWriter() {
    }

    /** Writes {@code data} to {@code file}. */
    public static void write(Dataset data, Path file) {
        AtomicFiles.write(file, out -> write(data, out));
    }

    /** Writes {@code data} to {@code out}, which stays open. */
    public static void write(Dataset data, OutputStream out) throws java.io.IOException {
        int n = data.pixelsPerImage();
        byte[] pixels = data.pixelArray();
        byte[] line = new byte[4 * (n + 1) + 1];
        for (int i = 0; i < data.size(); i++) {
            int p = put(line, 0, NUMBERS[data.label(i)]);
            for (int j = 0, off = i * n; j < n; j++) {
                line[p++] = ',';
                p = put(line, p, NUMBERS[pixels[off + j] & 0xff]);
            }
            line[p++] = '\n';
            out.write(line, 0, p);
        }
    }

    private static int put(byte[] line, int p, byte[] digits) {
        System.arraycopy(digits, 0, line, p, digits.length);
        return p + digits.length;
    }
}
