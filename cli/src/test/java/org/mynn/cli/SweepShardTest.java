package org.mynn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.testing.Tags;

/** A sweep cut into shards, run one invocation each (as on several machines), then merged, is the whole sweep. */
@Tag(Tags.REAL_DATA)
class SweepShardTest {

    @TempDir
    Path dir;

    static final String[] GRID = {"sweep", "--lr", "0.1,0.3", "--hidden", "8,16", "--epochs", "1", "--repeats", "2",
        "--seed", "3", "--threads", "1"};

    static Cli.Result sweep(String... more) {
        String[] args = java.util.Arrays.copyOf(GRID, GRID.length + more.length);
        System.arraycopy(more, 0, args, GRID.length, more.length);
        return Cli.run(args);
    }

    /** @return the rows of a results.csv without the seconds column */
    static List<String> withoutTimings(Path csv) throws Exception {
        List<String> rows = new ArrayList<>();
        for (String line : Files.readAllLines(csv)) {
            String[] f = line.split(",");
            rows.add(String.join(",", java.util.Arrays.copyOf(f, 7)) + (f.length > 8 ? "," + f[8] : ""));
        }
        return rows;
    }

    @Test
    void fourShards_mergedFromTheirFolders_areTheWholeSweep() throws Exception {
        Cli.Result whole = sweep("--out", dir.resolve("whole").toString());
        assertThat(whole.exit()).as(whole.toString()).isZero();
        assertThat(whole.out()).contains("95% interval");
        List<String> shardDirs = new ArrayList<>();
        for (int k = 1; k <= 4; k++) {
            Path out = dir.resolve("shard" + k);
            Cli.Result r = sweep("--shard", k + "/4", "--out", out.toString());
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).contains("shard " + k + " of 4: 2 of the 8 runs");
            assertThat(Files.exists(out.resolve("results.json"))).isTrue();
            shardDirs.add(out.toString());
        }
        List<String> merge = new ArrayList<>(List.of("sweep", "--merge"));
        merge.addAll(shardDirs);
        merge.addAll(List.of("--out", dir.resolve("merged").toString()));
        Cli.Result merged = Cli.run(merge.toArray(String[]::new));
        assertThat(merged.exit()).as(merged.toString()).isZero();
        assertThat(merged.out()).contains("merged 4 shards", "8 runs");
        assertThat(withoutTimings(dir.resolve("merged/results.csv"))).hasSize(9)
                .isEqualTo(withoutTimings(dir.resolve("whole/results.csv")));
        assertThat(Files.exists(dir.resolve("merged/accuracy-vs-lr.png"))).isTrue();
        assertThat(Files.exists(dir.resolve("merged/accuracy-vs-hidden.png"))).isTrue();

        // a shard missing, one given twice, one of another sweep: refused, naming it
        Cli.Result missing = Cli.run("sweep", "--merge", shardDirs.get(0), shardDirs.get(1), shardDirs.get(2), "--out",
                dir.resolve("m2").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("shards [4] of 4 are missing");
        Cli.Result twice = Cli.run("sweep", "--merge", shardDirs.get(0), shardDirs.get(0), "--out", dir.resolve("m3").toString());
        assertThat(twice.err()).contains("is shard 1/4, as").contains("give each shard once");
        Path other = dir.resolve("other");
        String[] otherGrid = GRID.clone();
        otherGrid[10] = "4";
        List<String> args = new ArrayList<>(List.of(otherGrid));
        args.addAll(List.of("--shard", "4/4", "--out", other.toString()));
        assertThat(Cli.run(args.toArray(String[]::new)).exit()).isZero();
        Cli.Result foreign = Cli.run("sweep", "--merge", shardDirs.get(0), shardDirs.get(1), shardDirs.get(2), other.toString(),
                "--out", dir.resolve("m4").toString());
        assertThat(foreign.exit()).isEqualTo(1);
        assertThat(foreign.err()).contains(other + ": is a shard of another sweep", "repeats/seed 2/4, not 2/3");
        Cli.Result mixed = Cli.run("sweep", "--merge", shardDirs.get(0), "--lr", "0.5", "--out", dir.resolve("m5").toString());
        assertThat(mixed.exit()).isEqualTo(2);
        assertThat(mixed.err()).contains("leave out --lr");
        assertThat(sweep("--shard", "5/4", "--out", dir.resolve("x").toString()).err()).contains("--shard must be K/N");
    }
}
