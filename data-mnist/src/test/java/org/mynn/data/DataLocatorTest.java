package org.mynn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.MynnException;
import org.mynn.core.model.Provenance.DataFile;
import org.mynn.core.model.Provenance.DataReference;

/**
 * Where the data a model's record names is found on this machine: at its recorded path, beside the model, in a folder
 * given to look in (by name, then by SHA-256), and never a file with other bytes.
 */
class DataLocatorTest {

    @TempDir
    Path dir;

    static DataReference files(DataFile... f) {
        return new DataReference("train.csv", null, null, null, 3, 10, List.of(f), null, null, null);
    }

    Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    @Test
    void aFileAtItsRecordedPath_withItsSha256_isTakenAsItIs() throws Exception {
        Path csv = write("data/train.csv", "5,0,0\n");
        DataReference ref = files(new DataFile(csv.toString(), DataLocator.sha256(csv)));
        DataLocator.Found found = DataLocator.locate(ref, "training data", null, null, "m.json");
        assertThat(found.ref().files()).containsExactly(new DataFile(csv.toString(), DataLocator.sha256(csv)));
        assertThat(found.notes()).isEmpty();
    }

    @Test
    void aRelativePath_isFoundBesideTheModel_andSaidSo() throws Exception {
        Path csv = write("run/data/train.csv", "5,0,0\n");
        Path model = dir.resolve("run/m.json");
        DataReference ref = files(new DataFile("data/train.csv", DataLocator.sha256(csv)));
        DataLocator.Found found = DataLocator.locate(ref, "training data", model, null, "m.json");
        assertThat(Path.of(found.ref().files().get(0).path()).toAbsolutePath()).isEqualTo(csv.toAbsolutePath());
        assertThat(found.notes()).singleElement().asString()
                .contains("for the recorded training data data/train.csv (the same SHA-256)");
    }

    @Test
    void aRenamedFile_isFoundByItsSha256_inTheFolderGiven_butNotDeeperThanItLooks() throws Exception {
        Path moved = write("elsewhere/a/b/renamed.csv", "7,1,1\n");
        String sha = DataLocator.sha256(moved);
        write("elsewhere/a/other.csv", "7,1,2\n");
        DataReference ref = files(new DataFile("/gone/train.csv", sha));
        DataLocator.Found found = DataLocator.locate(ref, "training data", null, dir.resolve("elsewhere"), "m.json");
        assertThat(found.ref().files()).containsExactly(new DataFile(moved.toString(), sha));

        Path tooDeep = write("deep/1/2/3/4/renamed.csv", "7,1,1\n");
        assertThat(tooDeep.getNameCount() - dir.resolve("deep").getNameCount()).isGreaterThan(DataLocator.DEPTH);
        assertThatThrownBy(() -> DataLocator.locate(ref, "training data", null, dir.resolve("deep"), "m.json"))
                .isInstanceOf(MynnException.class)
                .hasMessage("m.json: its training data /gone/train.csv (SHA-256 " + sha + ") is not found: no such file,"
                        + " and no file in " + dir.resolve("deep") + " has that SHA-256");
    }

    @Test
    void aFileWithTheRecordedName_butOtherBytes_isRefused_namingBothSums() throws Exception {
        Path csv = write("data/train.csv", "5,0,0\n");
        String recorded = "0".repeat(64);
        DataReference ref = files(new DataFile(csv.toString(), recorded));
        assertThatThrownBy(() -> DataLocator.locate(ref, "test data", null, null, "m.json"))
                .isInstanceOf(MynnException.class)
                .hasMessage("m.json: its test data " + csv + " (SHA-256 " + recorded + ") is not found: " + csv
                        + " has other bytes (SHA-256 " + DataLocator.sha256(csv) + "); give the folder that holds it"
                        + " with --data-dir DIR");
    }

    @Test
    void aFolderThatIsNotThere_isNamed() {
        DataReference ref = files(new DataFile("/gone/train.csv", "1".repeat(64)));
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> DataLocator.locate(ref, "training data", null, missing, "m.json"))
                .isInstanceOf(MynnException.class).hasMessage(missing + ": no such folder (--data-dir)");
    }

    @Test
    void aNamedDataset_usesTheFolderGiven_elseTheRecordedOneWhileItIsThere_elseTheCache() throws Exception {
        Path recorded = Files.createDirectories(dir.resolve("recorded"));
        DataReference ref = new DataReference("mnist/train", "mnist", "train", recorded.toString(), 60000, 10, List.of(),
                null, null, null);
        assertThat(DataLocator.locate(ref, "training data", null, dir.resolve("given"), "m.json").ref().dataDir())
                .isEqualTo(dir.resolve("given").toString());
        assertThat(DataLocator.locate(ref, "training data", null, null, "m.json").ref().dataDir())
                .isEqualTo(recorded.toString());
        Files.delete(recorded);
        DataLocator.Found cache = DataLocator.locate(ref, "training data", null, null, "m.json");
        assertThat(cache.ref().dataDir()).isNull();
        assertThat(cache.ref().dataset()).isEqualTo("mnist");
        assertThat(cache.ref().size()).isEqualTo(60000);
    }
}
