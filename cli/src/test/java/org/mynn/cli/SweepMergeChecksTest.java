package org.mynn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sweep --merge} checks what it merges: a shard's results.json edited or damaged (an accuracy out of 0..1 or
 * not a number, a run given twice or missing, a run that is not the sweep's, a file cut short) is refused in one line
 * naming the file, the run and the field; shards made on tiny data of their own, so that no dataset is needed.
 */
class SweepMergeChecksTest {

    @TempDir
    static Path dir;
    static Path shards;
    static final ObjectMapper JSON = new ObjectMapper();

    static String[] grid(String... more) {
        List<String> args = new ArrayList<>(List.of("sweep", "--train", dir.resolve("train.csv").toString(), "--test",
                dir.resolve("train.csv").toString(), "--lr", "0.1,0.3", "--hidden", "4", "--epochs", "1..2", "--repeats", "2",
                "--seed", "5", "--threads", "1"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** Two shards of a sweep of 4 runs (8 results), written into shards/1 and shards/2, a folder nobody made first. */
    @BeforeAll
    static void twoShards() throws IOException {
        Random random = new Random(345);
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            csv.append(i % 10);
            for (int p = 0; p < 784; p++) {
                csv.append(',').append(random.nextInt(256));
            }
            csv.append('\n');
        }
        Files.writeString(dir.resolve("train.csv"), csv);
        shards = dir.resolve("shards");
        for (int k = 1; k <= 2; k++) {
            Cli.Result r = Cli.run(grid("--shard", k + "/2", "--out", shards.resolve(String.valueOf(k)).toString()));
            assertThat(r.exit()).as(r.toString()).isZero();
        }
    }

    @Test
    void theShards_madeWithTheirParentFolder_mergeWhole() throws IOException {
        Cli.Result r = merge(copy("whole", 1, doc -> { }));
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("merged 2 shards", "4 runs, 8 results");
    }

    @Test
    void anAccuracyAboveOne_isRefusedNamingTheFileRunAndField() throws IOException {
        Path s = copy("above", 1, doc -> row(doc, 0).put("accuracy", 1.5));
        assertRefused(merge(s), s.resolve("1/results.json") + ": run lr 0.1, hidden 4, epochs 1, repeat 1, seed 5: field"
                + " 'accuracy' must be a number from 0 to 1 but is 1.5");
    }

    @Test
    void aNegativeAccuracy_isRefused() throws IOException {
        Path s = copy("negative", 2, doc -> row(doc, 0).put("accuracy", -0.25));
        assertRefused(merge(s), s.resolve("2/results.json") + ": run lr 0.1, hidden 4, epochs 1, repeat 2, seed 6: field"
                + " 'accuracy' must be a number from 0 to 1 but is -0.25");
    }

    @Test
    void anAccuracyThatIsText_isRefused() throws IOException {
        Path s = copy("text", 1, doc -> row(doc, 1).put("accuracy", "high"));
        assertRefused(merge(s), s.resolve("1/results.json") + ": run lr 0.1, hidden 4, epochs 2, repeat 1, seed 5: field"
                + " 'accuracy' must be a number from 0 to 1 but is \"high\"");
    }

    @Test
    void anAccuracyThatIsNaN_isRefusedByTheFieldCheck_notByTheParser() throws IOException {
        Path s = copy("nan", 1, doc -> row(doc, 0).put("accuracy", 0.123456789));
        Path file = s.resolve("1/results.json");
        Files.writeString(file, Files.readString(file).replace("0.123456789", "NaN"));
        assertRefused(merge(s), file + ": run lr 0.1, hidden 4, epochs 1, repeat 1, seed 5: field 'accuracy' must be a"
                + " number from 0 to 1 but is NaN");
    }

    @Test
    void aMissingAccuracy_isRefused() throws IOException {
        Path s = copy("noacc", 2, doc -> row(doc, 1).remove("accuracy"));
        assertRefused(merge(s), s.resolve("2/results.json") + ": run lr 0.1, hidden 4, epochs 2, repeat 2, seed 6: field"
                + " 'accuracy' is missing");
    }

    @Test
    void aRunInTwoShards_isRefusedNamingBothFiles() throws IOException {
        Path s = copy("twice", 2, doc -> ((ArrayNode) doc.get("results")).add(row(read(shards.resolve("1/results.json")), 0)));
        assertRefused(merge(s), s.resolve("2/results.json") + ": run lr 0.1, hidden 4, epochs 1, repeat 1, seed 5 appears twice"
                + " (also in " + s.resolve("1/results.json") + "); each run of a sweep is in one shard, once");
    }

    @Test
    void aRunTwiceInOneShard_isRefused() throws IOException {
        Path s = copy("again", 1, doc -> ((ArrayNode) doc.get("results")).add(row(doc, 0).deepCopy()));
        assertRefused(merge(s), s.resolve("1/results.json") + ": run lr 0.1, hidden 4, epochs 1, repeat 1, seed 5 appears twice"
                + " (twice in this file); each run of a sweep is in one shard, once");
    }

    @Test
    void aMissingRun_isRefusedNamingTheShardThatRunsIt() throws IOException {
        Path s = copy("gap", 2, doc -> ((ArrayNode) doc.get("results")).remove(3));
        assertRefused(merge(s), s.resolve("2/results.json") + ": run lr 0.3, hidden 4, epochs 2, repeat 2, seed 6 is missing"
                + " (shard 2/2 runs it); run that shard again");
    }

    @Test
    void aRunOfAnotherGrid_isRefused() throws IOException {
        Path s = copy("stranger", 1, doc -> row(doc, 0).put("lr", 0.2));
        assertRefused(merge(s), s.resolve("1/results.json") + ": run lr 0.2, hidden 4, epochs 1, repeat 1, seed 5 is not a run"
                + " of this sweep (lr 0.2 is not one of its learning rates [0.1, 0.3])");
    }

    @Test
    void aRunWithAnotherSeed_isRefused() throws IOException {
        // the seed is part of what names a run: the same lr, hidden, epochs and repeat with another seed is another run
        Path s = copy("seed", 1, doc -> row(doc, 0).put("seed", 9));
        assertRefused(merge(s), s.resolve("1/results.json") + ": run lr 0.1, hidden 4, epochs 1, repeat 1, seed 9 is not a run"
                + " of this sweep (repeat 1 has seed 5, --seed 5 + repeat - 1)");
    }

    @Test
    void aHiddenSizeThatIsText_isRefusedNamingTheResult() throws IOException {
        Path s = copy("hidden", 1, doc -> row(doc, 2).put("hidden", "four"));
        assertRefused(merge(s), s.resolve("1/results.json") + ": result 3: field 'hidden' must be a whole number of at least 1"
                + " but is \"four\"");
    }

    @Test
    void aTruncatedFile_isRefusedInOneLineOfItsOwn() throws IOException {
        Path s = copy("cut", 2, doc -> { });
        Path file = s.resolve("2/results.json");
        String text = Files.readString(file);
        String cut = text.substring(0, text.indexOf("\"results\"") + 40);
        Files.writeString(file, cut);
        long line = cut.chars().filter(c -> c == '\n').count() + 1;
        Cli.Result r = merge(s);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).as("one line").hasLineCount(1).startsWith("mynn: " + file + ": is cut short: its JSON ends at line "
                + line + ", column ").endsWith(" before it is complete (a copy that stopped early?); copy the shard's"
                + " results.json again, or run the shard again" + System.lineSeparator());
    }

    @Test
    void aFileThatIsNotJson_isRefusedInOneLine() throws IOException {
        Path s = copy("garbage", 1, doc -> { });
        Files.writeString(s.resolve("1/results.json"), "{\"shard\": 1/2}");
        Cli.Result r = merge(s);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).hasLineCount(1).startsWith("mynn: " + s.resolve("1/results.json") + ": is not valid JSON at line 1,");
    }

    @Test
    void tooManyShards_sayTheRealLimit_theRunsOfTheGrid() {
        Cli.Result r = Cli.run(grid("--shard", "1/1000000", "--out", dir.resolve("many").toString()));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("mynn: --shard 1/1000000: N must be at most 4, the runs of this grid (2 learning rates x"
                + " 1 hidden size x 2 repeats), so that every shard has a run");
        // a learning rate given twice is one learning rate, as a hidden size given twice is one
        List<String> twice = new ArrayList<>(List.of(grid("--shard", "5/5", "--out", dir.resolve("many").toString())));
        twice.set(twice.indexOf("0.1,0.3"), "0.1,0.3,0.1");
        assertThat(Cli.run(twice.toArray(String[]::new)).err()).contains("N must be at most 4");
        assertThat(Files.exists(dir.resolve("many"))).isFalse();
    }

    @Test
    void aShardFolderUnderAFile_isRefusedNamingTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Cli.Result r = Cli.run(grid("--shard", "1/2", "--out", file.resolve("shards/1").toString()));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("mynn: cannot create folder " + file.resolve("shards") + ": " + file
                + " is a file, not a folder" + System.lineSeparator());
    }

    static void assertRefused(Cli.Result r, String line) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("mynn: " + line + System.lineSeparator());
        assertThat(r.out()).isEmpty();
    }

    /** @return a copy of the two shards in {@code name}/1 and {@code name}/2, shard {@code k}'s results.json edited */
    static Path copy(String name, int k, Consumer<ObjectNode> change) throws IOException {
        Path to = dir.resolve(name);
        for (int j = 1; j <= 2; j++) {
            Path d = Files.createDirectories(to.resolve(String.valueOf(j)));
            Files.copy(shards.resolve(j + "/results.json"), d.resolve("results.json"));
        }
        edit(to.resolve(k + "/results.json"), change);
        return to;
    }

    static void edit(Path file, Consumer<ObjectNode> change) throws IOException {
        ObjectNode doc = read(file);
        change.accept(doc);
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
    }

    static ObjectNode read(Path file) {
        try {
            return (ObjectNode) JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * @return result {@code i} of a shard's results. The runs are dealt round-robin in the order hidden, lr, repeat:
     *         shard 1 has repeat 1 (seed 5) of lr 0.1 and 0.3, shard 2 repeat 2 (seed 6); each after 1 and 2 epochs
     */
    static ObjectNode row(ObjectNode doc, int i) {
        return (ObjectNode) doc.get("results").get(i);
    }

    static Cli.Result merge(Path shardsDir) {
        return Cli.run("sweep", "--merge", shardsDir.resolve("1").toString(), shardsDir.resolve("2").toString(), "--out",
                shardsDir.resolve("merged").toString());
    }
}
