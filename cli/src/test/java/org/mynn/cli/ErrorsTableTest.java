package org.mynn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.io.ModelJson;
import org.mynn.data.Dataset;
import org.mynn.data.IdxWriter;

/**
 * Runs every row of {@code docs/errors.md} through the real {@code main}: the command must print exactly the
 * documented line on stderr, nothing on stdout, exit with the documented code, and leave no file behind.
 */
class ErrorsTableTest {

    @TempDir
    static Path tmp;
    static String unreadable;
    static String readonly;

    /** One row of the table. */
    record Row(String kind, String command, String message, int exit) {
        @Override
        public String toString() {
            return kind;
        }
    }

    static Stream<Row> rows() throws IOException {
        String doc = Files.readString(Path.of(System.getProperty("user.dir")).getParent().resolve("docs/errors.md"));
        String table = doc.substring(doc.indexOf("<!-- errors-table -->"), doc.indexOf("<!-- /errors-table -->"));
        Pattern row = Pattern.compile("^\\| ([^|]+) \\| `(.*?)` \\| `(.*)` \\| (\\d) \\|$", Pattern.MULTILINE);
        List<Row> rows = new ArrayList<>();
        Matcher m = row.matcher(table);
        while (m.find()) {
            rows.add(new Row(m.group(1), m.group(2), m.group(3), Integer.parseInt(m.group(4))));
        }
        assertThat(rows).hasSizeGreaterThan(40);
        return rows.stream();
    }

    String fill(String s) {
        return s.replace("{tmp}", tmp.toString()).replace("{unreadable}", unreadable).replace("{readonly}", readonly);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void everyDocumentedError_isWhatMynnSays(Row row) throws IOException {
        List<String> before = listing();
        Cli.Result r = Cli.run(fill(row.command()).split(" "));
        assertThat(r.err()).as(row.command()).isEqualTo(fill(row.message()) + System.lineSeparator());
        assertThat(r.exit()).as(row.command()).isEqualTo(row.exit());
        assertThat(r.out()).isEmpty();
        assertThat(listing()).as("files left behind").isEqualTo(before);
    }

    static List<String> listing() throws IOException {
        try (Stream<Path> files = Files.walk(tmp)) {
            return files.map(p -> tmp.relativize(p).toString()).sorted().toList();
        }
    }

    @BeforeAll
    static void makeTheFiles() throws Exception {
        Files.createFile(tmp.resolve("empty.json"));
        Files.createFile(tmp.resolve("empty.csv"));
        Files.createFile(tmp.resolve("empty.idx"));
        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(img, "png", tmp.resolve("digit.png").toFile());
        Files.writeString(tmp.resolve("text.png"), "not an image");
        Files.write(tmp.resolve("zero.png"), png(0, 5));
        Files.write(tmp.resolve("huge.png"), png(100_000, 100_000));

        String good = record(5, 0);
        csv("train.csv", good, record(3, 255));
        csv("columns.csv", good, "1" + ",0".repeat(783));
        csv("word.csv", good, "1,0,0,x12" + ",0".repeat(781));
        csv("range.csv", good, "1,0,256" + ",0".repeat(782));
        csv("label.csv", good, record(10, 0));
        csv("blank.csv", good, "", good);
        Files.write(tmp.resolve("bom.csv"), ("\uFEFF" + good + "\n").getBytes(StandardCharsets.UTF_8));

        byte[] pixels = new byte[2 * 784];
        Arrays.fill(pixels, (byte) 7);
        Dataset two = new Dataset("two", 28, 28, pixels, new byte[] {3, 4}, Dataset.numberedClasses(10));
        IdxWriter.write(two, tmp.resolve("images.idx"), tmp.resolve("labels.idx"), false);
        byte[] images = Files.readAllBytes(tmp.resolve("images.idx"));
        Files.write(tmp.resolve("short-header.idx"), Arrays.copyOf(images, 10));
        Files.write(tmp.resolve("short-body.idx"), Arrays.copyOf(images, 1000));
        byte[] gz = gzip(images);
        Files.write(tmp.resolve("cut.idx.gz"), Arrays.copyOf(gz, 20));
        byte[] corrupt = gz.clone();
        for (int i = 10; i < 30; i++) {
            corrupt[i] ^= 0x5a;
        }
        Files.write(tmp.resolve("corrupt.idx.gz"), corrupt);
        Files.write(tmp.resolve("huge.idx"), idx(0x803, new int[] {Integer.MAX_VALUE, 28, 28}, new byte[16]));
        Files.write(tmp.resolve("labels3.idx"), idx(0x801, new int[] {3}, new byte[] {1, 2, 3}));
        Files.write(tmp.resolve("labels-big.idx"), idx(0x801, new int[] {2}, new byte[] {1, (byte) 200}));

        ModelJson json = new ModelJson(ActivationRegistry.load());
        json.save(NeuralNetwork.builder(784, 10, 10).seed(1).build(), tmp.resolve("model.json"));
        String model = Files.readString(tmp.resolve("model.json"));
        Files.writeString(tmp.resolve("notjson.json"), "{\"format\": \"mynn-model\"");
        Files.writeString(tmp.resolve("format.json"), model.replace("\"mynn-model\"", "\"keras\""));
        Files.writeString(tmp.resolve("version.json"), model.replace("\"version\": 1", "\"version\": 3"));
        Files.writeString(tmp.resolve("nolayers.json"), model.replaceFirst("\"layers\": \\[[0-9,]*\\],\\n", ""));
        Files.writeString(tmp.resolve("shape.json"), model.replaceFirst("(?s)(\"weights\": \\[\\n.*\\],\\n    \\[\\n)      \\[[^\\]]*\\],\\n", "$1"));
        Files.writeString(tmp.resolve("nan.json"), model.replaceFirst("(\"weights\": \\[\\n    \\[\\n      \\[)[-0-9.E]+", "$1NaN"));
        Files.writeString(tmp.resolve("inf.json"), model.replaceFirst("(\"weights\": \\[\\n    \\[\\n      \\[)[-0-9.E]+", "$11e999"));
        Files.writeString(tmp.resolve("plugin.json"), model.replace("[\"sigmoid\",\"sigmoid\"]", "[\"cube\",\"sigmoid\"]"));
        Files.writeString(tmp.resolve("trailing.json"), model + "{\"again\": true}\n");
        Files.writeString(tmp.resolve("loss.json"), model.replace("\"learningRate\"", "\"loss\": \"hinge\",\n  \"learningRate\""));
        json.save(NeuralNetwork.builder(784, 10, 10).biases(true).seed(1).build(), tmp.resolve("biased.json"));
        json.save(NeuralNetwork.builder(784, 200, 10).seed(1).build(), tmp.resolve("wide.json"));
        Dataset many = new Dataset("many", 28, 28, new byte[5000 * 784], new byte[5000], Dataset.numberedClasses(10));
        IdxWriter.write(many, tmp.resolve("many.idx"), tmp.resolve("many-labels.idx"), false);
        Files.write(tmp.resolve("bom.json"), ("\uFEFF" + model).getBytes(StandardCharsets.UTF_8));
        Files.writeString(tmp.resolve("classes.json"), model.replace("\"created\"", "\"classes\": [\"a\", \"b\"],\n    \"created\""));
        String zeros = "0".repeat(64);
        Files.writeString(tmp.resolve("seed.json"), model.replace("\"seed\": 1,", "\"seed\": \"abc\","));
        Files.writeString(tmp.resolve("init.json"), model.replace("\"init\": \"receiving\"", "\"init\": \"zeros\""));
        Files.writeString(tmp.resolve("epochless.json"), model.replace("\"seed\": 1,",
                "\"seed\": 1, \"history\": [{\"accuracy\": 0.5}],"));
        String data = "\"data\": {\"name\": \"%s\", \"size\": 60, \"files\": [{\"path\": \"%s\", \"sha256\": \""
                + zeros + "\"}]},";
        Files.writeString(tmp.resolve("billion.json"), model.replace("\"epochs\": 0,", "\"epochs\": 1000000000,")
                .replace("\"samplesSeen\": 0,", "\"samplesSeen\": 120, " + data.formatted("train.csv", "train.csv")));
        Files.writeString(tmp.resolve("gone.json"), model.replace("\"epochs\": 0,", "\"epochs\": 2,")
                .replace("\"samplesSeen\": 0,", "\"samplesSeen\": 120, " + data.formatted("gone.csv", "gone.csv")));
        Files.writeString(Files.createDirectory(tmp.resolve("nodata")).resolve("other.csv"), "5" + ",0".repeat(784) + "\n");
        Files.writeString(tmp.resolve("big.json"), model.replaceFirst("(\"weights\": \\[\\n    \\[\\n      \\[)[-0-9.E]+", "$11e308"));
        org.mynn.core.io.NumpyArrays.write(tmp.resolve("nan.npy"), 2, 3, new double[] {0.5, Double.NaN, 1, 2, 3, 4});
        String header = "{'descr': '<f8', 'fortran_order': False, 'shape': (3000000000, 3000000000), }";
        byte[] npy = new byte[10 + header.length() + 1];
        System.arraycopy(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) (header.length() + 1), 0}, 0, npy, 0, 10);
        System.arraycopy((header + "\n").getBytes(StandardCharsets.ISO_8859_1), 0, npy, 10, header.length() + 1);
        Files.write(tmp.resolve("huge.npy"), npy);

        unreadable = unreadableFile().toString();
        readonly = readOnlyFolder().toString();
    }

    static String record(int label, int pixel) {
        return label + ("," + pixel).repeat(784);
    }

    static void csv(String name, String... lines) throws IOException {
        Files.writeString(tmp.resolve(name), String.join("\n", lines) + "\n");
    }

    static byte[] idx(int magic, int[] dims, byte[] body) throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream d = new java.io.DataOutputStream(b);
        d.writeInt(magic);
        for (int x : dims) {
            d.writeInt(x);
        }
        d.write(body);
        return b.toByteArray();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(b)) {
            z.write(raw);
        }
        return b.toByteArray();
    }

    static byte[] png(int w, int h) throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream d = new java.io.DataOutputStream(b);
        d.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        java.io.ByteArrayOutputStream chunk = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream c = new java.io.DataOutputStream(chunk);
        c.writeBytes("IHDR");
        c.writeInt(w);
        c.writeInt(h);
        c.write(new byte[] {8, 0, 0, 0, 0});
        d.writeInt(13);
        d.write(chunk.toByteArray());
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(chunk.toByteArray());
        d.writeInt((int) crc.getValue());
        return b.toByteArray();
    }

    /**
     * A file this process cannot read: one with no permissions, or, for root (whom permissions do not stop), a
     * write-only attribute of the kernel's /sys, which nobody can read.
     */
    static Path unreadableFile() throws IOException {
        Path f = Files.createDirectories(tmp.resolve("locked")).resolve("secret.json");
        Files.writeString(f, "{}");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
        try {
            Files.newInputStream(f).close();
        } catch (AccessDeniedException e) {
            return f;
        }
        Files.delete(f);
        Files.delete(f.getParent());
        try (Stream<Path> walk = Files.walk(Path.of("/sys/devices"), 4)) {
            return walk.filter(Files::isRegularFile).filter(ErrorsTableTest::refusesReading).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no unreadable file found for this test"));
        }
    }

    static boolean refusesReading(Path p) {
        try {
            if (!PosixFilePermissions.toString(Files.getPosixFilePermissions(p)).equals("-w-------")) {
                return false;
            }
            Files.newInputStream(p).close();
            return false;
        } catch (AccessDeniedException e) {
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** A folder this process cannot write to: read-only permissions, or, for root, the kernel's /sys. */
    static Path readOnlyFolder() throws IOException {
        Path d = Files.createDirectory(tmp.resolve("readonly"));
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Files.delete(Files.createTempFile(d, "probe", ".tmp"));
        } catch (AccessDeniedException e) {
            return d;
        }
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.delete(d);
        return Path.of("/sys");
    }

}
