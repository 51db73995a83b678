package org.mynn.data;

import org.junit.jupiter.api.Tag;
import org.mynn.testing.Tags;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mynn.testing.Requires;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mynn.data.fetch.DatasetDescriptor;
import org.mynn.data.fetch.RemoteFile;

/** The real MNIST and Fashion-MNIST, as fetched into the cache. */
@Tag(Tags.REAL_DATA)
@Tag(Tags.SUBPROCESS)
// waits on python3 (5 min at most) reading the real files; about 9 s on a quiet machine
@Timeout(value = 600, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RealDatasetsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mnist", "fashion-mnist"})
    void counts_shapes_andChecksums(String name) throws Exception {
        Dataset train = RealData.load(name, Split.TRAIN);
        Dataset test = RealData.load(name, Split.TEST);
        assertThat(train.size()).isEqualTo(60_000);
        assertThat(test.size()).isEqualTo(10_000);
        assertThat(train.rows()).isEqualTo(28);
        assertThat(train.cols()).isEqualTo(28);
        Datasets ds = RealData.datasets();
        DatasetDescriptor d = ds.catalog().get(name);
        List<Path> paths = ds.fetch(name);
        for (int i = 0; i < 4; i++) {
            RemoteFile f = d.allFiles().get(i);
            assertThat(sha256(paths.get(i))).as(f.name()).isEqualTo(f.sha256());
            assertThat(Files.size(paths.get(i))).isEqualTo(f.size());
        }
        int[] perClass = new int[10];
        for (int i = 0; i < train.size(); i++) {
            perClass[train.label(i)]++;
        }
        for (int c : perClass) {
            assertThat(c).isGreaterThan(5000);
        }
    }

    @Test
    void mnist_firstTestLabels_areTheKnownOnes() {
        Dataset test = RealData.mnist(Split.TEST);
        assertThat(List.of(test.label(0), test.label(1), test.label(2), test.label(3), test.label(4)))
                .containsExactly(7, 2, 1, 0, 4);
        assertThat(RealData.mnist(Split.TRAIN).label(0)).isEqualTo(5);
    }

    @Test
    void fashion_hasItsClassNames() {
        Dataset test = RealData.load("fashion-mnist", Split.TEST);
        assertThat(test.classes()).containsExactly("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
                "Shirt", "Sneaker", "Bag", "Ankle boot");
        assertThat(test.classes().get(test.label(0))).isEqualTo("Ankle boot");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mnist", "fashion-mnist"})
    void csvWrittenFromIdx_readsBackEqual(String name, @TempDir Path dir) {
        Dataset test = RealData.load(name, Split.TEST);
        Path csv = dir.resolve(name + "_test.csv");
        CsvWriter.write(test, csv);
        Dataset back = CsvReader.read(csv, test.classes());
        assertThat(back.size()).isEqualTo(test.size());
        for (int i = 0; i < test.size(); i++) {
            assertThat(back.label(i)).isEqualTo(test.label(i));
        }
        assertThat(back.pixelArray()).isEqualTo(test.pixelArray());
    }

    @Test
    void csvWriter_isByteIdenticalToTheUsualPythonConversion(@TempDir Path dir) throws Exception {
        Requires.python("numpy");
        List<Path> paths = RealData.datasets().fetch("mnist");
        Path script = dir.resolve("convert_usual.py");
        try (InputStream in = getClass().getResourceAsStream("convert_usual.py")) {
            Files.copy(in, script);
        }
        Path expected = dir.resolve("python.csv");
        Process p = new ProcessBuilder("python3", script.toString(), paths.get(2).toString(), paths.get(3).toString(),
                expected.toString(), "10000").inheritIO().start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).isZero();
        Path ours = dir.resolve("mynn.csv");
        CsvWriter.write(RealData.mnist(Split.TEST), ours);
        assertThat(Files.size(ours)).isEqualTo(Files.size(expected));
        assertThat(Files.readAllBytes(ours)).isEqualTo(Files.readAllBytes(expected));
    }

    static String sha256(Path p) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(p), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw e;
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
