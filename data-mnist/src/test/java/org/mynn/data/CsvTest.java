package org.mynn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mynn.core.MynnException;

class CsvTest {

    @TempDir
    Path dir;

    static String record(int label, int fill) {
        return label + "," + String.join(",", Collections.nCopies(784, Integer.toString(fill)));
    }

    Path csv(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.ISO_8859_1);
    }

    @Test
    void writeThenRead_roundTrip_andTheUsualFormat() throws IOException {
        Dataset d = Samples.random(30, 2);
        Path f = dir.resolve("mnist_train_30.csv");
        CsvWriter.write(d, f);
        Dataset back = CsvReader.read(f, Dataset.numberedClasses(10));
        assertThat(back.size()).isEqualTo(30);
        for (int i = 0; i < 30; i++) {
            assertThat(back.image(i)).containsExactly(d.image(i));
            assertThat(back.label(i)).isEqualTo(d.label(i));
        }
        String first = Files.readAllLines(f).get(0);
        StringBuilder expected = new StringBuilder().append(d.label(0));
        for (int p = 0; p < 784; p++) {
            expected.append(',').append(d.pixel(0, p));
        }
        assertThat(first).isEqualTo(expected.toString());
        byte[] bytes = Files.readAllBytes(f);
        assertThat(bytes[bytes.length - 1]).isEqualTo((byte) '\n');
        assertThat(new String(bytes, StandardCharsets.US_ASCII)).doesNotContain("\r", " ");
    }

    @Test
    void windowsLineEnds_andNoFinalNewline_areFine() throws IOException {
        Path f = csv("crlf.csv", record(3, 7) + "\r\n" + record(4, 255) + "\r\n" + record(0, 0));
        Dataset d = CsvReader.read(f, Dataset.numberedClasses(10));
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.label(1)).isEqualTo(4);
        assertThat(d.pixel(1, 783)).isEqualTo(255);
        assertThat(d.rows()).isEqualTo(28);
    }

    @Test
    void smallerSquareImages_areInferredFromTheFirstLine() throws IOException {
        Dataset d = CsvReader.read(csv("tiny.csv", "1,0,50,100,150\n2,1,2,3,4\n"), Dataset.numberedClasses(10));
        assertThat(d.rows()).isEqualTo(2);
        assertThat(d.cols()).isEqualTo(2);
        assertThat(d.image(0)).containsExactly(0, 50, 100, (byte) 150);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "wrong column count|1,2,3,4,5\\n1,2,3,4\\n|:2: expected 5 values (a label and 4 pixels) but found 4",
        "too many columns|1,2,3,4,5\\n1,2,3,4,5,6\\n|:2: expected 5 values (a label and 4 pixels) but found 6",
        "not a number|1,2,3,4,5\\n1,2,x7,4,5\\n|:2, column 3: 'x7' is not a whole number from 0 to 255",
        "decimal|1,2,3,4,5\\n1,2,3,4.5,5\\n|:2, column 4: '4.5' is not a whole number from 0 to 255",
        "negative|1,2,3,4,5\\n1,-2,3,4,5\\n|:2, column 2: '-2' is not a whole number from 0 to 255",
        "empty value|1,2,3,4,5\\n1,2,,4,5\\n|:2, column 3: '' is not a whole number from 0 to 255",
        "pixel over 255|1,2,3,4,5\\n1,2,3,256,5\\n|:2, column 4: pixel value 256 is outside 0..255",
        "huge pixel|1,2,3,4,5\\n1,2,3,99999999999,5\\n|:2, column 4: pixel value 99999999999 is outside 0..255",
        "label outside classes|1,2,3,4,5\\n10,2,3,4,5\\n|:2: label 10 is outside the classes 0..9",
        "label not a number|1,2,3,4,5\\nseven,2,3,4,5\\n|:2, column 1: 'seven' is not a whole number from 0 to 255 (the label)",
        "blank line|1,2,3,4,5\\n\\n1,2,3,4,5\\n|:2: blank line; expected a record of a label and 4 pixels",
        "two final newlines|1,2,3,4,5\\n\\n|:2: blank line; expected a record of a label and 4 pixels",
        "not square|1,2,3,4\\n|:1: expected a label and the pixels of a square image (785 values for 28x28) but found 4 values",
        "header line|label,p1,p2,p3,p4\\n1,2,3,4,5\\n|:1, column 1: 'label' is not a whole number from 0 to 255 (the label)",
    })
    void badLine_failsNamingFileLineAndColumn(String what, String content, String message) throws IOException {
        Path f = csv("bad.csv", content.replace("\\n", "\n"));
        assertThatThrownBy(() -> CsvReader.read(f, Dataset.numberedClasses(10))).isInstanceOf(MynnException.class)
                .hasMessage(f + message);
    }

    @Test
    void byteOrderMark_isRefusedWithAHint() throws IOException {
        Path f = dir.resolve("bom.csv");
        Files.write(f, ("\uFEFF" + record(1, 0) + "\n").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> CsvReader.read(f, Dataset.numberedClasses(10))).hasMessage(f
                + ":1: starts with a UTF-8 byte-order mark; save the file without one (plain ASCII, as the book's CSV files are)");
        assertThatThrownBy(() -> Datasets.fromFiles(f, null, Dataset.numberedClasses(10))).hasMessageContaining("byte-order mark");
    }

    @Test
    void gzipCsv_isReadToo() throws IOException {
        Path f = Samples.write(dir, "t.csv.gz", Samples.gzip((record(5, 9) + "\n").getBytes(StandardCharsets.US_ASCII)));
        assertThat(CsvReader.read(f, Dataset.numberedClasses(10)).label(0)).isEqualTo(5);
    }

    @Test
    void fromFiles_picksCsvOrIdx_andRefusesLoneIdxAndForeignFiles() throws IOException {
        Path f = csv("ok.csv", record(2, 1) + "\n");
        assertThat(Datasets.fromFiles(f, null, Dataset.numberedClasses(10)).label(0)).isEqualTo(2);
        Path idx = Samples.write(dir, "img", Samples.idx(IdxReader.IMAGES_MAGIC, new int[] {1, 1, 1}, new byte[] {1}));
        assertThatThrownBy(() -> Datasets.fromFiles(idx, null, Dataset.numberedClasses(10)))
                .hasMessage(idx + ": is an IDX file; give its labels file too (IDX images and labels come in pairs)");
        Path json = Files.writeString(dir.resolve("model.json"), "{\"format\": \"mynn-model\"}");
        assertThatThrownBy(() -> Datasets.fromFiles(json, null, Dataset.numberedClasses(10)))
                .hasMessage(json + ": is not the book's CSV (a label and the pixels per line): it starts with bytes 7b 22 66 6f (JSON)");
    }
}
