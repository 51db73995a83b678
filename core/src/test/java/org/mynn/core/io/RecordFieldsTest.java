package org.mynn.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.mynn.core.MynnException;
import org.mynn.core.activation.ActivationRegistry;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Provenance;
import org.mynn.core.model.Provenance.DataFile;
import org.mynn.core.model.Provenance.DataReference;

/** The record's newer fields (test and validation data, portable names) and its field errors, in mynn's words. */
class RecordFieldsTest {

    static final ModelJson JSON = new ModelJson(ActivationRegistry.load());
    static final DataReference TRAIN = new DataReference("train.csv", null, null, null, 60, 10,
            List.of(new DataFile("train.csv", "ab")), null);
    static final DataReference TEST = new DataReference("test.csv", null, null, null, 40, 10,
            List.of(new DataFile("test.csv", "cd")), null);

    static String model() {
        Provenance p = new Provenance.Builder().seed(7L).init(org.mynn.core.model.WeightInit.RECEIVING).epochs(1).samplesSeen(60L).data(TRAIN).test(TEST)
                .validation(TRAIN.slice(50, 60)).accuracy(0.5).epoch(new Provenance.Epoch(1, 0.5, 0.1, 0.2, 0.4, 0.3))
                .build();
        return JSON.toJson(NeuralNetwork.builder(4, 3, 2).seed(7).build().withProvenance(p));
    }

    @Test
    void testAndValidationData_areWrittenAndReadBack() {
        String text = model();
        assertThat(text).contains("\"testData\"", "\"validationData\"");
        Provenance back = JSON.fromJson(text, "m.json").provenance();
        assertThat(back.test()).isEqualTo(TEST);
        assertThat(back.validation()).isEqualTo(TRAIN.slice(50, 60));
    }

    @Test
    void aFileWithoutThem_readsAsBefore() {
        String old = model().replaceAll("(?s)\"testData\": \\{.*?\\]\\s*\\},\\s*", "")
                .replaceAll("(?s)\"validationData\": \\{.*?\"range\": \"50:60\"\\s*\\},\\s*", "");
        assertThat(old).doesNotContain("testData").doesNotContain("validationData");
        Provenance back = JSON.fromJson(old, "m.json").provenance();
        assertThat(back.test()).isNull();
        assertThat(back.validation()).isNull();
        assertThat(back.data()).isEqualTo(TRAIN);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "\"seed\": 7| \"seed\": \"abc\"| field 'training.seed' must be a whole number, not \"abc\"",
        "\"seed\": 7| \"seed\": 1.5| field 'training.seed' must be a whole number, not 1.5",
        "\"epochs\": 1| \"epochs\": 5000000000| field 'training.epochs' must be a whole number from -2147483648 to 2147483647, not 5000000000",
        "\"epochs\": 1| \"epochs\": [1]| field 'training.epochs' must be a whole number, not an array of 1",
        "\"accuracy\": 0.5,| \"accuracy\": \"high\",| field 'training.accuracy' must be a number, not \"high\"",
        "\"epoch\": 1,| | field 'training.history[0].epoch' is missing; it is required there",
        "\"loss\": 0.3| \"loss\": true| field 'training.history[0].loss' must be a number, not true",
        "\"size\": 40| \"size\": \"forty\"| field 'training.testData.size' must be a whole number, not \"forty\"",
        "\"sha256\": \"ab\"| \"sha256\": {}| field 'training.data.files[0].sha256' must be text (in quotes), not an object",
        "\"history\": [| \"history\": 3, \"x\": [| field 'training.history' must be an array, not 3",
        "\"init\": \"receiving\"| \"init\": \"zeros\"| field 'training.init': unknown weight init 'zeros'; expected receiving, fan-in, glorot or he",
    })
    void aWrongField_isNamedInMynnsWords(String from, String to, String message) {
        String text = model();
        assertThat(text).contains(from);
        String edited = text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(
                to == null ? "" : to));
        assertThatThrownBy(() -> JSON.fromJson(edited, "m.json")).isInstanceOf(MynnException.class)
                .hasMessage("m.json: " + message);
    }

    @Test
    void portableNames_dropTheCacheFolderAndTheAbsolutePath() {
        Path here = Path.of("").toAbsolutePath();
        DataReference absolute = new DataReference("x", null, null, null, 1, 10, List.of(
                new DataFile(here.resolve("data/train.csv").toString(), "ab"), new DataFile("/elsewhere/t/labels.idx", "cd")),
                null);
        assertThat(absolute.portable().files()).containsExactly(new DataFile(Path.of("data", "train.csv").toString(), "ab"),
                new DataFile("labels.idx", "cd"));
        DataReference named = new DataReference("mnist/train", "mnist", "train", "/root/.cache/mynn", 60000, 10,
                List.of(new DataFile("train-images-idx3-ubyte", "ef")), null);
        assertThat(named.portable().dataDir()).isNull();
        assertThat(named.portable().files()).isEqualTo(named.files());
    }
}
