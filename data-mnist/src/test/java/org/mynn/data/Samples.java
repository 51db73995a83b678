package org.mynn.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** Small generated datasets and IDX bytes for tests. */
public final class Samples {

    private Samples() {
    }

    /** @return {@code n} random 28x28 images with labels 0..9, seeded */
    public static Dataset random(int n, long seed) {
        Random r = new Random(seed);
        byte[] px = new byte[n * 784];
        r.nextBytes(px);
        byte[] lab = new byte[n];
        for (int i = 0; i < n; i++) {
            lab[i] = (byte) r.nextInt(10);
        }
        return new Dataset("random", 28, 28, px, lab, Dataset.numberedClasses(10));
    }

    /** @return IDX bytes: the magic, the dims, then {@code body} */
    public static byte[] idx(int magic, int[] dims, byte[] body) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(magic);
        for (int x : dims) {
            d.writeInt(x);
        }
        d.write(body);
        d.flush();
        return b.toByteArray();
    }

    public static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            z.write(raw);
        }
        return b.toByteArray();
    }

    public static Path write(Path dir, String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}
