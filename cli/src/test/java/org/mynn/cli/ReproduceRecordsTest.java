package org.mynn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records that catch edits: {@code mynn reproduce} compares the accuracy and history with the record (exit 3 naming
 * the field), refuses a record that does not add up before training, finds data that moved by its SHA-256, and says
 * when an ONNX import rounded the weights (exit 4). On small made-up data (60 training, 40 test samples), so fast.
 */
class ReproduceRecordsTest {

    @TempDir
    static Path dir;
    static Path model;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void train() throws Exception {
        csv(dir.resolve("train.csv"), 60, 1);
        csv(dir.resolve("test.csv"), 40, 2);
        model = dir.resolve("m.json");
        Cli.Result r = Cli.run("train", "--quiet", "--train", dir.resolve("train.csv").toString(), "--test",
                dir.resolve("test.csv").toString(), "--hidden", "4", "--epochs", "2", "--seed", "3", "--out", model.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
    }

    /** Made-up digits: the label's pixels brighter in a band of the picture, so that a network learns something. */
    static void csv(Path file, int n, long seed) throws Exception {
        Random rnd = new Random(seed);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int label = rnd.nextInt(10);
            s.append(label);
            for (int p = 0; p < 784; p++) {
                s.append(',').append(p / 78 == label ? 200 + rnd.nextInt(56) : rnd.nextInt(60));
            }
            s.append('\n');
        }
        Files.writeString(file, s);
    }

    static ObjectNode record() throws Exception {
        return (ObjectNode) JSON.readTree(model.toFile());
    }

    static Path write(String name, ObjectNode tree) throws Exception {
        Path f = dir.resolve(name);
        JSON.writeValue(f.toFile(), tree);
        return f;
    }

    static Cli.Result reproduce(Path file, String... more) {
        String[] base = {"reproduce", file.toString(), "--out", dir.resolve("again-" + file.getFileName()).toString(), "-q"};
        String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return Cli.run(args);
    }

    @Test
    void theModelNamesItsDataPortably_andItsRerunIsIdenticalInWeightsAccuracyAndHistory() throws Exception {
        ObjectNode training = (ObjectNode) record().get("training");
        assertThat(training.get("data").get("files").get(0).get("path").asText()).isEqualTo("train.csv");
        assertThat(training.get("testData").get("files").get(0).get("path").asText()).isEqualTo("test.csv");
        assertThat(training.get("data").get("files").get(0).get("sha256").asText()).hasSize(64);
        assertThat(Files.readString(model)).doesNotContain(dir.toString());

        Cli.Result r = reproduce(model);
        assertThat(r.exit()).as(r.toString()).isZero();
        String accuracy = String.format(java.util.Locale.ROOT, "%.4f", training.get("accuracy").asDouble());
        assertThat(r.out()).containsPattern("field +recorded +rerun")
                .containsPattern("training\\.accuracy +" + accuracy + " +" + accuracy + "\n")
                .containsPattern("training\\.history\\[1\\]\\.loss +\\S+ +\\S+\n")
                .contains("identical: all 3,176 weights are the same bit for bit, and so are the accuracy and history");
    }

    @Test
    void anEditedAccuracy_isCaughtByTheRerun_exit3NamingTheField() throws Exception {
        ObjectNode edited = record();
        double was = edited.get("training").get("accuracy").asDouble();
        double claim = was == 0.975 ? 0.95 : 0.975;
        ((ObjectNode) edited.get("training")).put("accuracy", claim);
        Cli.Result r = reproduce(write("accuracy.json", edited));
        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.out()).contains(String.format(java.util.Locale.ROOT, "training.accuracy: recorded %.4f, the rerun"
                + " gives %.4f", claim, was)).containsPattern("training\\.accuracy .* differs\n")
                .contains("different: all 3,176 weights are the same bit for bit, but the record's facts are not")
                .contains("(was it edited?)");
    }

    @Test
    void anEditedHistory_isCaughtByTheRerun() throws Exception {
        ObjectNode edited = record();
        ObjectNode second = (ObjectNode) edited.get("training").get("history").get(1);
        double loss = second.get("loss").asDouble();
        second.put("loss", Math.nextUp(loss));
        Cli.Result r = reproduce(write("history.json", edited));
        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.out()).contains("training.history[1].loss: recorded " + Math.nextUp(loss) + ", the rerun gives " + loss);
    }

    @Test
    void aBillionEpochs_isRefusedWithTheArithmetic_beforeAnythingStarts() throws Exception {
        ObjectNode edited = record();
        ((ObjectNode) edited.get("training")).put("epochs", 1_000_000_000);
        Path f = write("billion.json", edited);
        Cli.Result r = reproduce(f);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("mynn: " + f + ": its record does not add up: 1000000000 epochs x 60 samples"
                + " (training.epochs x training.data.size) = 60000000000, but it says it saw 120"
                + " (training.samplesSeen); was it edited?" + System.lineSeparator());
        assertThat(dir.resolve("again-billion.json")).doesNotExist();
    }

    @Test
    void aRunSteeredByHandInTheLab_isRefusedInOneLineNamingWhatCannotBeReplayed() throws Exception {
        // as the lab records them: the learning rate changed mid-run, a sample trained by hand while paused
        ObjectNode changed = record();
        ((ObjectNode) changed.get("training")).putArray("learningRateChanges").addObject().put("epoch", 1).put("sample", 30)
                .put("learningRate", 0.05);
        Path f = write("lr-changed.json", changed);
        Cli.Result r = reproduce(f);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("mynn: " + f + ": its learning rate was changed while it trained (in the training"
                + " lab; training.learningRateChanges), which a new run cannot replay" + System.lineSeparator());

        ObjectNode hand = record();
        ((ObjectNode) hand.get("training")).putArray("samplesByHand").addObject().put("epoch", 2).put("sample", 12)
                .put("label", 7);
        f = write("by-hand.json", hand);
        r = reproduce(f);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("mynn: " + f + ": it trained samples by hand while paused (in the training lab;"
                + " training.samplesByHand), which a new run cannot replay" + System.lineSeparator());
        assertThat(dir.resolve("again-lr-changed.json")).doesNotExist();
        assertThat(dir.resolve("again-by-hand.json")).doesNotExist();
    }

    @Test
    void movedData_isFoundByItsChecksumWithDataDir_andAMissingOrDifferentFileIsOneLine() throws Exception {
        Path moved = Files.createDirectories(dir.resolve("moved/deeper"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.copy(dir.resolve("train.csv"), moved.resolve("renamed.csv"));
        Files.copy(dir.resolve("test.csv"), elsewhere.resolve("test.csv"));
        ObjectNode tree = record();
        Path away = Files.createDirectories(dir.resolve("away"));
        Path m = away.resolve("m.json");
        JSON.writeValue(m.toFile(), tree);
        String sha = tree.get("training").get("data").get("files").get(0).get("sha256").asText();

        Cli.Result missing = Cli.run("reproduce", m.toString(), "--out", away.resolve("a.json").toString(), "-q");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("mynn: " + m + ": its training data train.csv (SHA-256 " + sha + ") is not"
                + " found: no such file; give the folder that holds it with --data-dir DIR" + System.lineSeparator());

        Cli.Result found = Cli.run("reproduce", m.toString(), "--out", away.resolve("a.json").toString(), "-q",
                "--data-dir", dir.resolve("moved").toString());
        assertThat(found.exit()).as(found.toString()).isEqualTo(1);
        assertThat(found.err()).contains("its test data test.csv (SHA-256 ");

        Files.copy(moved.resolve("renamed.csv"), elsewhere.resolve("renamed.csv"));
        Cli.Result both = Cli.run("reproduce", m.toString(), "--out", away.resolve("a.json").toString(), "-q",
                "--data-dir", elsewhere.toString());
        assertThat(both.exit()).as(both.toString()).isZero();
        assertThat(both.out()).contains("using " + elsewhere.resolve("renamed.csv") + " for the recorded training data"
                + " train.csv (the same SHA-256)").contains("identical:");

        Files.writeString(away.resolve("train.csv"), "7" + ",0".repeat(784) + "\n");
        Cli.Result different = Cli.run("reproduce", m.toString(), "--out", away.resolve("a.json").toString(), "-q");
        assertThat(different.exit()).isEqualTo(1);
        assertThat(different.err()).startsWith("mynn: " + m + ": its training data train.csv (SHA-256 " + sha + ") is not"
                + " found: " + away.resolve("train.csv") + " has other bytes (SHA-256 ")
                .endsWith("); give the folder that holds it with --data-dir DIR" + System.lineSeparator());
    }

    @Test
    void anOldFileWithAbsolutePathsAndNoTestData_stillReproduces() throws Exception {
        ObjectNode old = record();
        ObjectNode training = (ObjectNode) old.get("training");
        ((ObjectNode) training.get("data").get("files").get(0)).put("path", dir.resolve("train.csv").toAbsolutePath().toString());
        training.remove("testData");
        Path away = Files.createDirectories(dir.resolve("old"));
        Path m = away.resolve("old.json");
        JSON.writeValue(m.toFile(), old);
        Cli.Result r = Cli.run("reproduce", m.toString(), "--out", away.resolve("a.json").toString(), "-q");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("does not name the test data that measured its accuracy")
                .contains("training.history[1].loss").doesNotContain("training.accuracy ")
                .contains("identical: all 3,176 weights");
    }

    @Test
    void anOnnxImport_saysItsWeightsWereRounded_exit4() throws Exception {
        Path onnx = dir.resolve("m.onnx");
        assertThat(Cli.run("export-onnx", "--model", model.toString(), "--out", onnx.toString()).exit()).isZero();
        Path back = dir.resolve("back.json");
        assertThat(Cli.run("import-onnx", "--model", onnx.toString(), "--out", back.toString()).exit()).isZero();
        assertThat(JSON.readTree(back.toFile()).get("training").get("importedFromOnnx").get("weights").asText())
                .isEqualTo("float32");
        Cli.Result r = reproduce(back);
        assertThat(r.exit()).as(r.toString()).isEqualTo(4);
        assertThat(r.out()).contains("rounded: its weights were rounded to float32 by the ONNX import, so they cannot"
                + " match bit for bit; rounded to float32, all 3,176 weights of the rerun are the recorded ones")
                .doesNotContain("was it edited");

        ObjectNode edited = (ObjectNode) JSON.readTree(back.toFile());
        ArrayNode row = (ArrayNode) edited.get("weights").get(1).get(2);
        row.set(1, JSON.getNodeFactory().numberNode(row.get(1).asDouble() + 0.01));
        Cli.Result changed = reproduce(write("back-edited.json", edited));
        assertThat(changed.exit()).isEqualTo(3);
        assertThat(changed.out()).contains("different: 1 of 3,176 weights differ even rounded to float32");
    }

    @Test
    void aFieldOfTheWrongKind_isOneLineInMynnsWords() throws Exception {
        ObjectNode edited = record();
        ((ObjectNode) edited.get("training")).put("seed", "abc");
        Path f = write("seed.json", edited);
        Cli.Result r = reproduce(f);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("mynn: " + f + ": field 'training.seed' must be a whole number, not \"abc\""
                + System.lineSeparator());

        ObjectNode optimizer = record();
        ((ObjectNode) optimizer.get("training")).put("optimizer", "bogus");
        Path g = write("optimizer.json", optimizer);
        Cli.Result unknown = reproduce(g);
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("mynn: " + g + ": field 'training.optimizer': unknown optimizer 'bogus';");
    }
}
