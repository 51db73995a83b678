package org.mynn.cli.service;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoublePredicate;
import org.mynn.cli.service.SweepRunner.Grid;
import org.mynn.cli.service.SweepRunner.Result;
import org.mynn.core.MynnException;

/**
 * One shard's {@code results.json}, read for a merge and checked field by field: a file cut short, a grid or shard
 * that is not one, a result whose figures are not numbers or out of their range are refused in one line naming the
 * file, the run and the field. Whether the shards together hold each run of the sweep once is {@link SweepShards}'
 * check.
 *
 * @param file   the {@code results.json} read
 * @param shard  K of "K/N"
 * @param shards N of "K/N"
 */
record SweepShardFile(Path file, Grid grid, int shard, int shards, List<Result> results) {

    /** NaN and Infinity are read as numbers, so that the field check names them instead of the parser. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    /**
     * Reads {@code dir/results.json}.
     *
     * @throws MynnException naming the file (and the run and field) that is wrong
     */
    static SweepShardFile read(Path dir) {
        Path file = dir.resolve("results.json");
        JsonNode doc = parse(dir, file);
        if (doc == null || doc.isMissingNode()) {
            throw new MynnException(file + ": is empty; expected the results.json that 'mynn sweep --shard K/N' writes");
        }
        if (!doc.isObject() || !doc.has("shard") || !doc.has("sweep")) {
            throw new MynnException(file + ": is not the results of a shard (no 'shard'); merge the folders that"
                    + " 'mynn sweep --shard K/N' wrote");
        }
        Grid grid;
        try {
            grid = MAPPER.treeToValue(doc.get("sweep"), Grid.class);
        } catch (IOException e) {
            throw new MynnException(file + ": field 'sweep' is not a sweep's description: " + firstLine(e));
        }
        checkGrid(file, grid);
        int[] kn = shard(file, doc.get("shard"));
        JsonNode rows = doc.get("results");
        if (rows == null || !rows.isArray()) {
            throw new MynnException(file + ": field 'results' must be a list of runs but is "
                    + (rows == null ? "missing" : quote(rows)));
        }
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            results.add(result(file, i + 1, rows.get(i), grid.validated()));
        }
        return new SweepShardFile(file, grid, kn[0], kn[1], results);
    }

    /** @return a result as a merge names it: "lr 0.1, hidden 8, epochs 1, repeat 2, seed 4" */
    static String name(Result r) {
        return String.format(Locale.ROOT, "lr %s, hidden %d, epochs %d, repeat %d, seed %d", r.lr(), r.hidden(), r.epochs(),
                r.repeat(), r.seed());
    }

    private static JsonNode parse(Path dir, Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new MynnException(dir + ": holds no results.json (is it the --out of a 'mynn sweep --shard'?)");
        } catch (IOException e) {
            throw new MynnException(file + ": cannot be read: " + firstLine(e));
        }
        try {
            return MAPPER.readTree(bytes);
        } catch (JsonEOFException e) {
            // mynn writes results.json whole (a temporary file renamed); a short one is a copy that stopped early
            throw new MynnException(file + ": is cut short: its JSON ends" + where(e) + " before it is complete (a copy"
                    + " that stopped early?); copy the shard's results.json again, or run the shard again");
        } catch (JsonProcessingException e) {
            throw new MynnException(file + ": is not valid JSON" + where(e) + ": " + firstLine(e));
        } catch (IOException e) {
            throw new MynnException(file + ": cannot be read: " + firstLine(e));
        }
    }

    private static void checkGrid(Path file, Grid g) {
        String missing = g.dataset() == null ? "dataset" : g.lrs() == null || g.lrs().isEmpty() ? "lrs"
                : g.hidden() == null || g.hidden().isEmpty() ? "hidden" : g.epochs() == null || g.epochs().isEmpty() ? "epochs"
                : g.repeats() < 1 ? "repeats" : null;
        if (missing != null) {
            throw new MynnException(file + ": field 'sweep." + missing + "' is missing or empty; this is not the results"
                    + " of a 'mynn sweep --shard'");
        }
    }

    private static int[] shard(Path file, JsonNode node) {
        String[] kn = node.isTextual() ? node.asText().split("/", -1) : new String[0];
        try {
            if (kn.length == 2) {
                int k = Integer.parseInt(kn[0]);
                int n = Integer.parseInt(kn[1]);
                if (k >= 1 && k <= n) {
                    return new int[] {k, n};
                }
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new MynnException(file + ": field 'shard' must be K/N with 1 <= K <= N but is " + quote(node));
    }

    /** Reads result {@code index} (from 1): first what names the run, then its figures, each checked. */
    private static Result result(Path file, int index, JsonNode r, boolean validated) {
        String at = file + ": result " + index;
        if (!r.isObject()) {
            throw new MynnException(at + " must be an object (a run's figures) but is " + quote(r));
        }
        double lr = number(at, r, "lr", "a number above 0", d -> d > 0 && d <= Double.MAX_VALUE);
        int hidden = (int) whole(at, r, "hidden", 1, Integer.MAX_VALUE);
        int epochs = (int) whole(at, r, "epochs", 1, Integer.MAX_VALUE);
        int repeat = (int) whole(at, r, "repeat", 1, Integer.MAX_VALUE);
        long seed = whole(at, r, "seed", Long.MIN_VALUE, Long.MAX_VALUE);
        String run = file + ": run " + name(new Result(lr, hidden, epochs, repeat, seed, 0, 0, 0, null, 0));
        double accuracy = number(run, r, "accuracy", FRACTION, d -> d >= 0 && d <= 1);
        double mse = number(run, r, "mseExact", SIZE, d -> d >= 0 && d <= Double.MAX_VALUE);
        double seconds = number(run, r, "secondsExact", SIZE, d -> d >= 0 && d <= Double.MAX_VALUE);
        Double validation = validated || r.hasNonNull("validation")
                ? number(run, r, "validation", FRACTION, d -> d >= 0 && d <= 1) : null;
        int kept = r.has("kept") ? (int) whole(run, r, "kept", 1, epochs) : epochs;
        return new Result(lr, hidden, epochs, repeat, seed, accuracy, mse, seconds, validation, kept);
    }

    private static final String FRACTION = "a number from 0 to 1";
    private static final String SIZE = "a finite number of at least 0";

    /** @return field {@code name}, a number (not text, not NaN) that {@code ok} accepts, which {@code what} says */
    private static double number(String at, JsonNode r, String name, String what, DoublePredicate ok) {
        JsonNode v = present(at, r, name);
        if (!v.isNumber() || !ok.test(v.asDouble())) {
            throw new MynnException(at + ": field '" + name + "' must be " + what + " but is " + quote(v));
        }
        return v.asDouble();
    }

    private static long whole(String at, JsonNode r, String name, long min, long max) {
        JsonNode v = present(at, r, name);
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            String range = min == Long.MIN_VALUE ? "" : max == Integer.MAX_VALUE ? " of at least " + min
                    : " from " + min + " to " + max;
            throw new MynnException(at + ": field '" + name + "' must be a whole number" + range + " but is " + quote(v));
        }
        return v.asLong();
    }

    private static JsonNode present(String at, JsonNode r, String name) {
        JsonNode v = r.get(name);
        if (v == null) {
            throw new MynnException(at + ": field '" + name + "' is missing");
        }
        return v;
    }

    /** @return a value as the file has it, cut to 40 characters */
    private static String quote(JsonNode v) {
        String s = v.isNumber() ? v.asText() : v.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    private static String where(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /** @return the first line of an exception's message, without the parser's note about the source */
    private static String firstLine(Exception e) {
        String s = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        if (s == null) {
            return e.getClass().getSimpleName();
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        int marker = line.indexOf(" (start marker at ");
        return marker < 0 ? line : line.substring(0, marker);
    }
}
