package org.mynn.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Prints, at the end of {@code mvn verify}, one summary of every test skipped in the build and why, from the
 * {@code target/test-skips.tsv} files {@link SkipReport} wrote in each module during this build. Run by the last
 * module of the build (bench) through exec-maven-plugin.
 *
 * <p>Arguments: the build's root folder, the build's run id, and {@code true} when skips are failures: then any
 * skip fails the build.
 */
public final class SkipSummary {

    private SkipSummary() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        String run = args[1];
        boolean strict = Boolean.parseBoolean(args[2]);
        List<String[]> skips = new ArrayList<>();
        int modules = 0;
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : (Iterable<Path>) dirs.sorted()::iterator) {
                boolean ran = false;
                for (String name : new String[] {SkipReport.FILE, SkipReport.FILE.replace(".tsv", "-it.tsv")}) {
                    Path file = dir.resolve("target").resolve(name);
                    if (!Files.isRegularFile(file)) {
                        continue;
                    }
                    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                    if (lines.isEmpty() || !lines.get(0).equals("run\t" + run)) {
                        continue;
                    }
                    ran = true;
                    for (String line : lines.subList(1, lines.size())) {
                        skips.add(line.split("\t", 3));
                    }
                }
                modules += ran ? 1 : 0;
            }
        }
        if (modules == 0) {
            return;
        }
        System.out.println();
        System.out.println("mynn tests: " + (skips.isEmpty() ? "nothing was skipped (" + modules + " modules ran tests)"
                : skips.size() + " skipped in " + modules + " modules"
                + (strict ? "" : " (CI runs with -D" + Requires.STRICT_PROPERTY + "=true, where each is a failure)") + ":"));
        for (String[] s : skips) {
            System.out.println("  " + s[0] + "  " + s[1] + ": " + s[2]);
        }
        System.out.println();
        if (strict && !skips.isEmpty()) {
            throw new IllegalStateException(skips.size() + " tests were skipped, but -D" + Requires.STRICT_PROPERTY
                    + "=true requires every test to run");
        }
    }
}
