package org.mynn.cli.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.mynn.cli.service.SweepRunner.Grid;
import org.mynn.cli.service.SweepRunner.Result;
import org.mynn.core.MynnException;

/**
 * Puts the shards of one sweep back together: reads each shard's {@code results.json} ({@link SweepShardFile}), checks
 * that they are shards of the same sweep, each given once and none missing, and that together they hold every run of
 * the sweep once (by lr, hidden, epochs, repeat and seed, not only by shard number).
 */
public final class SweepShards {

    private SweepShards() {
    }

    /** A whole sweep put together from its shards. */
    public record Merged(Grid grid, List<Result> results, int shards) {
    }

    /**
     * Reads the results of the shards of one sweep ({@code results.json} in each folder) and puts them together.
     *
     * @throws MynnException when a folder holds no shard results or a damaged one (a file cut short, a figure that is
     *                       not a number or out of its range), the shards are of different sweeps, a shard is missing
     *                       or given twice, or a run (lr, hidden, epochs, repeat and seed) is not the sweep's, appears
     *                       twice or is missing: naming the file, and the run and field
     */
    public static Merged merge(List<Path> dirs) {
        SweepShardFile first = null;
        Map<Integer, SweepShardFile> seen = new TreeMap<>();
        Map<String, Path> runs = new HashMap<>();
        List<Result> results = new ArrayList<>();
        for (Path dir : dirs) {
            SweepShardFile s = SweepShardFile.read(dir);
            if (first == null) {
                first = s;
            } else if (!first.grid().equals(s.grid()) || s.shards() != first.shards()) {
                throw new MynnException(dir + ": is a shard of another sweep than " + first.file().getParent() + " ("
                        + (s.shards() != first.shards() ? "of " + s.shards() + " shards, not " + first.shards()
                        : describeDifference(first.grid(), s.grid())) + "); merge the shards of one sweep");
            }
            if (seen.containsKey(s.shard())) {
                throw new MynnException(dir + ": is shard " + s.shard() + "/" + s.shards() + ", as "
                        + seen.get(s.shard()).file().getParent() + " is: give each shard once");
            }
            seen.put(s.shard(), s);
            for (Result r : s.results()) {
                String stranger = stranger(s.grid(), r);
                if (stranger != null) {
                    throw new MynnException(s.file() + ": run " + SweepShardFile.name(r) + " is not a run of this sweep ("
                            + stranger + ")");
                }
                Path before = runs.putIfAbsent(SweepShardFile.name(r), s.file());
                if (before != null) {
                    throw new MynnException(s.file() + ": run " + SweepShardFile.name(r) + " appears twice ("
                            + (before.equals(s.file()) ? "twice in this file" : "also in " + before)
                            + "); each run of a sweep is in one shard, once");
                }
                results.add(r);
            }
        }
        if (first == null) {
            throw new MynnException("no shard folders given");
        }
        int shards = first.shards();
        List<Integer> missing = new ArrayList<>();
        for (int k = 1; k <= shards; k++) {
            if (!seen.containsKey(k)) {
                missing.add(k);
            }
        }
        if (!missing.isEmpty()) {
            throw new MynnException("shards " + missing + " of " + shards + " are missing: give the folders of all " + shards);
        }
        checkEveryRun(first.grid(), shards, seen, runs.keySet());
        results.sort(Comparator.comparingInt(Result::hidden).thenComparingDouble(Result::lr)
                .thenComparingInt(Result::epochs).thenComparingInt(Result::repeat));
        return new Merged(first.grid(), results, shards);
    }

    /** @return why result {@code r} is not one of {@code g}'s runs, or null when it is */
    private static String stranger(Grid g, Result r) {
        if (!g.lrs().contains(r.lr())) {
            return "lr " + r.lr() + " is not one of its learning rates " + g.lrs();
        }
        if (!g.hidden().contains(r.hidden())) {
            return "hidden " + r.hidden() + " is not one of its hidden sizes " + g.hidden();
        }
        if (!g.epochs().contains(r.epochs())) {
            return "epochs " + r.epochs() + " is not one of its epochs " + g.epochs();
        }
        if (r.repeat() > g.repeats()) {
            return "it has " + g.repeats() + (g.repeats() == 1 ? " repeat" : " repeats");
        }
        if (r.seed() != g.seed() + r.repeat() - 1) {
            return "repeat " + r.repeat() + " has seed " + (g.seed() + r.repeat() - 1) + ", --seed " + g.seed()
                    + " + repeat - 1";
        }
        return null;
    }

    /**
     * Every run of the grid, in the order the shards deal them (hidden, lr, repeat; runs dealt round-robin), must be
     * among {@code found}; a missing one is named with the shard whose file should hold it.
     */
    private static void checkEveryRun(Grid g, int shards, Map<Integer, SweepShardFile> files, Set<String> found) {
        int index = 0;
        for (int h : g.hidden()) {
            for (double lr : g.lrs()) {
                for (int r = 1; r <= g.repeats(); r++) {
                    int k = index++ % shards + 1;
                    for (int e : g.epochs()) {
                        Result run = new Result(lr, h, e, r, g.seed() + r - 1, 0, 0, 0, null, 0);
                        if (!found.contains(SweepShardFile.name(run))) {
                            throw new MynnException(files.get(k).file() + ": run " + SweepShardFile.name(run) + " is missing"
                                    + " (shard " + k + "/" + shards + " runs it); run that shard again");
                        }
                    }
                }
            }
        }
    }

    private static String describeDifference(Grid a, Grid b) {
        List<String> d = new ArrayList<>();
        if (!a.dataset().equals(b.dataset())) {
            d.add("dataset " + b.dataset() + ", not " + a.dataset());
        }
        if (!a.lrs().equals(b.lrs())) {
            d.add("lr " + b.lrs() + ", not " + a.lrs());
        }
        if (!a.hidden().equals(b.hidden())) {
            d.add("hidden " + b.hidden() + ", not " + a.hidden());
        }
        if (!a.epochs().equals(b.epochs())) {
            d.add("epochs " + b.epochs() + ", not " + a.epochs());
        }
        if (a.repeats() != b.repeats() || a.seed() != b.seed()) {
            d.add("repeats/seed " + b.repeats() + "/" + b.seed() + ", not " + a.repeats() + "/" + a.seed());
        }
        if (d.isEmpty()) {
            d.add("activation or recipe differ");
        }
        return String.join("; ", d);
    }
}
