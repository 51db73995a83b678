package org.mynn.data.fetch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads one entry out of a {@code .tgz} (ustar, as npm packs them). */
final class TarGz {

    private TarGz() {
    }

    /**
     * Copies the entry named {@code entry} of {@code tgz} to {@code dest}.
     *
     * @throws IOException when the archive is damaged or has no such entry
     */
    static void extract(Path tgz, String entry, Path dest) throws IOException {
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tgz), 1 << 16), 1 << 16)) {
            byte[] header = new byte[512];
            while (true) {
                if (in.readNBytes(header, 0, 512) < 512 || header[0] == 0) {
                    throw new IOException("no " + entry + " in " + tgz.getFileName());
                }
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
                byte type = header[156];
                long padded = (size + 511) / 512 * 512;
                if ((type == '0' || type == 0) && name.equals(entry)) {
                    try (OutputStream out = Files.newOutputStream(dest)) {
                        copy(in, out, size);
                    }
                    return;
                }
                if (in.skip(padded) != padded) {
                    skipFully(in, padded);
                }
            }
        }
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buf = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new IOException("archive ends inside an entry");
            }
            out.write(buf, 0, n);
            left -= n;
        }
    }

    private static void skipFully(InputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new IOException("archive ends inside an entry");
                }
                s = 1;
            }
            left -= s;
        }
    }

    private static String field(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.US_ASCII);
    }
}
