package org.mynn.cli;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.mynn.cli.terminal.Terminal;

/**
 * A tour of the commands people run most (train, test, query, backquery, inspect, export-onnx, help), in one JVM, on
 * tiny made-up data in a temporary folder, so that the class data sharing archive the launcher dumps at its exit holds
 * the classes of every one of them. Without it the archive held whatever the first command after a build happened to
 * load (a {@code query} after a {@code train} read about 800 classes from the jar: 0.8 s instead of 0.6). The
 * launcher runs it once after each build; it is not a command, and prints nothing.
 */
public final class ClassTour {

    private ClassTour() {
    }

    /** Exits with 0 when every stop of the tour ran well, 1 otherwise. */
    public static void main(String[] args) throws IOException {
        System.exit(tour().isEmpty() ? 0 : 1);
    }

    /** @return the stops that did not end as they should (none, normally) */
    static java.util.List<String> tour() throws IOException {
        java.util.List<String> failed = new java.util.ArrayList<>();
        Path dir = Files.createTempDirectory("mynn-tour");
        try {
            Path images = dir.resolve("images-idx3-ubyte.gz");
            Path labels = dir.resolve("labels-idx1-ubyte.gz");
            writeIdx(images, labels, 200, new Random(1));
            Path picture = dir.resolve("digit.png");
            Path model = dir.resolve("m.json");
            Path none = dir.resolve("none");
            PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream());
            Terminal quiet = Terminal.of(sink, sink);
            String[][] stops = {
                {"train", "--train", images.toString(), "--train-labels", labels.toString(), "--test", images.toString(),
                    "--test-labels", labels.toString(), "--hidden", "8", "--epochs", "1", "--out", model.toString()},
                {"test", "--model", model.toString(), "--test", images.toString(), "--test-labels", labels.toString()},
                {"show", "--data", images.toString(), "--labels", labels.toString(), "--index", "3", "--count", "1",
                    "--out", picture.toString()},
                {"query", "--model", model.toString(), picture.toString()},
                {"backquery", "--model", model.toString(), "--all", "--out", dir.resolve("bq").toString()},
                {"inspect", "--model", model.toString()},
                {"export-onnx", "--model", model.toString(), "--out", dir.resolve("m.onnx").toString()},
                {"train", "--help"},
                {"--version"},
                {"query", "--model", none.toString(), picture.toString()},
            };
            for (String[] stop : stops) {
                int code = Main.run(stop, quiet);
                // the last stop fails on purpose: the error path loads classes too
                if ((code != 0) != (stop == stops[stops.length - 1])) {
                    failed.add(String.join(" ", stop) + " exited with " + code);
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return failed;
    }

    /** {@code n} 28x28 pictures of blobs in IDX .gz, with labels 0-9. */
    private static void writeIdx(Path images, Path labels, int n, Random r) throws IOException {
        try (DataOutputStream im = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(images)));
                DataOutputStream lb = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(labels)))) {
            im.writeInt(0x803);
            im.writeInt(n);
            im.writeInt(28);
            im.writeInt(28);
            lb.writeInt(0x801);
            lb.writeInt(n);
            for (int i = 0; i < n; i++) {
                int label = i % 10;
                int cx = 8 + label;
                int cy = 10 + r.nextInt(8);
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        int d = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                        im.writeByte(d < 30 ? 255 - 6 * d : 0);
                    }
                }
                lb.writeByte(label);
            }
        }
    }
}
