package org.mynn.cli.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import org.mynn.cli.service.SweepRunner.Grid;
import org.mynn.cli.service.SweepRunner.Result;
import org.mynn.core.MynnException;

/**
 * Puts the shards of one sweep back together: reads each shard's {@code results.json}, checks that they are shards of
 * the same sweep, each given once and none missing.
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
     * @throws MynnException when a folder holds no shard results, the shards are of different sweeps, or one is missing
     *                       or given twice, naming the folder
     */
    public static Merged merge(List<Path> dirs) {
        ObjectMapper mapper = new ObjectMapper();
        Grid grid = null;
        Path first = null;
        int shards = 0;
        Map<Integer, Path> seen = new TreeMap<>();
        List<Result> results = new ArrayList<>();
        for (Path dir : dirs) {
            Path file = dir.resolve("results.json");
            JsonNode doc;
            try {
                doc = mapper.readTree(Files.readAllBytes(file));
            } catch (java.nio.file.NoSuchFileException e) {
                throw new MynnException(dir + ": holds no results.json (is it the --out of a 'mynn sweep --shard'?)");
            } catch (IOException e) {
                throw new MynnException(file + ": cannot be read: " + e.getMessage());
            }
            if (doc == null || !doc.has("shard") || !doc.has("sweep")) {
                throw new MynnException(file + ": is not the results of a shard (no 'shard'); merge the folders that"
                        + " 'mynn sweep --shard K/N' wrote");
            }
            Grid g;
            try {
                g = mapper.treeToValue(doc.get("sweep"), Grid.class);
            } catch (IOException e) {
                throw new MynnException(file + ": field 'sweep' is not a sweep's description: " + e.getMessage());
            }
            String[] kn = doc.get("shard").asText().split("/");
            int k;
            int n;
            try {
                k = Integer.parseInt(kn[0]);
                n = Integer.parseInt(kn[1]);
            } catch (RuntimeException e) {
                throw new MynnException(file + ": field 'shard' must be K/N but is " + doc.get("shard"));
            }
            if (grid == null) {
                grid = g;
                first = dir;
                shards = n;
            } else if (!grid.equals(g) || n != shards) {
                throw new MynnException(dir + ": is a shard of another sweep than " + first + " (" + (n != shards
                        ? "of " + n + " shards, not " + shards : describeDifference(grid, g)) + "); merge the shards of one sweep");
            }
            if (seen.containsKey(k)) {
                throw new MynnException(dir + ": is shard " + k + "/" + n + ", as " + seen.get(k) + " is: give each shard once");
            }
            seen.put(k, dir);
            for (JsonNode r : doc.get("results")) {
                results.add(new Result(r.get("lr").asDouble(), r.get("hidden").asInt(), r.get("epochs").asInt(),
                        r.get("repeat").asInt(), r.get("seed").asLong(), r.get("accuracy").asDouble(),
                        r.get("mseExact").asDouble(), r.get("secondsExact").asDouble(),
                        r.hasNonNull("validation") ? r.get("validation").asDouble() : null,
                        r.has("kept") ? r.get("kept").asInt() : r.get("epochs").asInt()));
            }
        }
        if (grid == null) {
            throw new MynnException("no shard folders given");
        }
        List<Integer> missing = new ArrayList<>();
        for (int k = 1; k <= shards; k++) {
            if (!seen.containsKey(k)) {
                missing.add(k);
            }
        }
        if (!missing.isEmpty()) {
            throw new MynnException("shards " + missing + " of " + shards + " are missing: give the folders of all " + shards);
        }
        results.sort(Comparator.comparingInt(Result::hidden).thenComparingDouble(Result::lr)
                .thenComparingInt(Result::epochs).thenComparingInt(Result::repeat));
        return new Merged(grid, results, shards);
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
