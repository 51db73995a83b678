package org.mynn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mynn.core.MynnException;

class IdxReaderTest {

    @TempDir
    Path dir;

    static final int IMG = IdxReader.IMAGES_MAGIC;
    static final int LAB = IdxReader.LABELS_MAGIC;

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void writeThenRead_rawOrGzip_sameDataset(boolean gzip) {
        Dataset d = Samples.random(50, 1);
        Path img = dir.resolve("img.idx");
        Path lab = dir.resolve("lab.idx");
        IdxWriter.write(d, img, lab, gzip);
        Dataset back = IdxReader.read(img, lab, Dataset.numberedClasses(10), "x");
        assertThat(back.size()).isEqualTo(50);
        assertThat(back.rows()).isEqualTo(28);
        for (int i = 0; i < 50; i++) {
            assertThat(back.image(i)).containsExactly(d.image(i));
            assertThat(back.label(i)).isEqualTo(d.label(i));
        }
    }

    @Test
    void gzip_isRecognisedByMagicBytes_notByName() throws IOException {
        Path img = Samples.write(dir, "images.raw", Samples.gzip(Samples.idx(IMG, new int[] {1, 2, 2}, new byte[] {1, 2, 3, 4})));
        assertThat(IdxReader.readImages(img).pixels()).containsExactly(1, 2, 3, 4);
        Path plain = Samples.write(dir, "images.gz", Samples.idx(IMG, new int[] {1, 2, 2}, new byte[] {1, 2, 3, 4}));
        assertThat(IdxReader.readImages(plain).pixels()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void wrongMagic_labelFileGivenAsImages_failsNamingBoth() throws IOException {
        Path f = Samples.write(dir, "labels", Samples.idx(LAB, new int[] {3}, new byte[] {1, 2, 3}));
        assertThatThrownBy(() -> IdxReader.readImages(f)).isInstanceOf(MynnException.class)
                .hasMessage(f + ": not an IDX image file: expected magic number 0x00000803 but found 0x00000801 (an IDX label file)");
    }

    @Test
    void pngGivenAsIdx_saysItIsAPng() throws IOException {
        Path f = Samples.write(dir, "digit.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
        assertThatThrownBy(() -> IdxReader.readImages(f))
                .hasMessage(f + ": not an IDX image file: expected magic number 0x00000803 but found 0x89504e47 (a PNG image)");
    }

    @Test
    void truncatedHeader_failsSayingHowLong() throws IOException {
        Path f = Samples.write(dir, "short", Arrays.copyOf(Samples.idx(IMG, new int[] {1, 28, 28}, new byte[0]), 9));
        assertThatThrownBy(() -> IdxReader.readImages(f))
                .hasMessage(f + ": truncated header: an IDX image file starts with 16 bytes but this one has 9");
    }

    @Test
    void truncatedBody_raw_failsWithDeclaredAndActualSize() throws IOException {
        Path f = Samples.write(dir, "cut", Samples.idx(IMG, new int[] {3, 2, 2}, new byte[10]));
        assertThatThrownBy(() -> IdxReader.readImages(f))
                .hasMessage(f + ": truncated: the header declares 3 images of 2x2 (28 bytes in all) but the file has 26 bytes");
    }

    @Test
    void truncatedBody_gzip_failsSayingWhereTheDataEnds() throws IOException {
        Path f = Samples.write(dir, "cut.gz", Samples.gzip(Samples.idx(IMG, new int[] {3, 2, 2}, new byte[10])));
        assertThatThrownBy(() -> IdxReader.readImages(f))
                .hasMessage(f + ": truncated: the header declares 3 images of 2x2 (28 bytes in all) but the data ends after 26 bytes");
    }

    @Test
    void extraBytes_rawAndGzip_fail() throws IOException {
        Path raw = Samples.write(dir, "long", Samples.idx(LAB, new int[] {2}, new byte[] {1, 2, 3}));
        assertThatThrownBy(() -> IdxReader.readLabels(raw))
                .hasMessage(raw + ": the header declares 2 labels (10 bytes in all) but the file has 11 bytes");
        Path gz = Samples.write(dir, "long.gz", Samples.gzip(Samples.idx(LAB, new int[] {2}, new byte[] {1, 2, 3})));
        assertThatThrownBy(() -> IdxReader.readLabels(gz))
                .hasMessage(gz + ": the data goes on after the 2 labels its header declares (10 bytes)");
    }

    @Test
    void countMismatch_failsNamingBothFiles() throws IOException {
        Path img = Samples.write(dir, "img", Samples.idx(IMG, new int[] {2, 1, 1}, new byte[] {1, 2}));
        Path lab = Samples.write(dir, "lab", Samples.idx(LAB, new int[] {3}, new byte[] {1, 2, 3}));
        assertThatThrownBy(() -> IdxReader.read(img, lab, Dataset.numberedClasses(10), "x"))
                .hasMessage(img + " has 2 images but " + lab + " has 3 labels; they must have one label per image");
    }

    @Test
    void labelOutsideClasses_failsWithRecordNumber() throws IOException {
        Path img = Samples.write(dir, "img", Samples.idx(IMG, new int[] {2, 1, 1}, new byte[] {1, 2}));
        Path lab = Samples.write(dir, "lab", Samples.idx(LAB, new int[] {2}, new byte[] {1, 12}));
        assertThatThrownBy(() -> IdxReader.read(img, lab, Dataset.numberedClasses(10), "x"))
                .hasMessage(lab + ": label 12 of record 1 is outside the classes 0..9");
    }

    @Test
    void corruptGzip_failsSayingSo() throws IOException {
        byte[] gz = Samples.gzip(Samples.idx(IMG, new int[] {2, 2, 2}, new byte[8]));
        for (int i = 12; i < gz.length - 8; i++) {
            gz[i] ^= 0x5a;
        }
        Path f = Samples.write(dir, "bad.gz", gz);
        assertThatThrownBy(() -> IdxReader.readImages(f)).isInstanceOf(MynnException.class)
                .hasMessageStartingWith(f + ": corrupt gzip data (");
        byte[] cut = Arrays.copyOf(Samples.gzip(Samples.idx(IMG, new int[] {100, 28, 28}, new byte[78_400])), 60);
        Path c = Samples.write(dir, "cut.gz", cut);
        assertThatThrownBy(() -> IdxReader.readImages(c))
                .hasMessage(c + ": the gzip data ends early (a truncated file or an interrupted download)");
    }

    @Test
    void hugeDeclaredSize_isRefusedBeforeAllocating() throws IOException {
        Path raw = Samples.write(dir, "huge", Samples.idx(IMG, new int[] {Integer.MAX_VALUE, 28, 28}, new byte[16]));
        assertThatThrownBy(() -> IdxReader.readImages(raw)).hasMessage(raw + ": header declares 2147483647 images of "
                + "28x28 (1683627179248 bytes), more than mynn can hold in memory (at most 2147483583 bytes)");
        Path gz = Samples.write(dir, "huge.gz", Samples.gzip(Samples.idx(IMG, new int[] {2_000_000, 28, 28}, new byte[16])));
        // 1.5 GB declared, 16 bytes present: refused without allocating the declared size
        assertThatThrownBy(() -> IdxReader.readImages(gz)).hasMessageContaining("truncated: the header declares 2000000 images");
        Path lab = Samples.write(dir, "huge-lab", Samples.idx(LAB, new int[] {-1}, new byte[4]));
        assertThatThrownBy(() -> IdxReader.readLabels(lab))
                .hasMessage(lab + ": header declares dimension 0 as 4294967295; expected a size from 1 to 2147483647");
    }

    @Test
    void missingEmptyOrFolder_failWithOneLine() throws IOException {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> IdxReader.readImages(missing)).hasMessage(missing + ": no such file");
        Path empty = Files.createFile(dir.resolve("empty"));
        assertThatThrownBy(() -> IdxReader.readImages(empty)).hasMessage(empty + ": is empty; expected an IDX image file");
        assertThatThrownBy(() -> IdxReader.readLabels(dir)).hasMessage(dir + ": is a folder, not a file");
    }
}
