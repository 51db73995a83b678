package org.mynn.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Notes every skipped test of a module's run and why (a disabled test, or an assumption such as those of
 * {@link Requires}), prints them when the module's tests end, and writes them to {@code target/test-skips.tsv}, from
 * which {@link SkipSummary} prints one summary for the whole build. Registered for every module's tests through
 * {@code META-INF/services} in core's test jar.
 */
public final class SkipReport implements TestExecutionListener {

    /** The system property naming this build, so that the summary ignores files from earlier builds. */
    public static final String RUN_PROPERTY = "mynn.tests.run";
    /** The file each module writes, under its {@code target} folder. */
    public static final String FILE = "test-skips.tsv";

    /** Skipped tests by "Class" (a whole class) or "Class.method", with the reason. */
    private final Map<String, String> skipped = new LinkedHashMap<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();

    @Override
    public synchronized void executionSkipped(TestIdentifier id, String reason) {
        note(id, reason);
    }

    @Override
    public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            note(id, result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
        }
    }

    private void note(TestIdentifier id, String reason) {
        String where = id.getSource().map(s -> s instanceof MethodSource m ? simple(m.getClassName()) + "." + m.getMethodName()
                : s instanceof ClassSource c ? simple(c.getClassName()) : id.getDisplayName()).orElse(id.getDisplayName());
        String why = reason == null ? "no reason given" : reason.strip().replaceAll("\\s+", " ");
        skipped.putIfAbsent(where, why);
        counts.merge(where, 1, Integer::sum);
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan plan) {
        Path dir = Path.of(System.getProperty("user.dir"));
        String module = dir.getFileName().toString();
        List<String> lines = new ArrayList<>();
        lines.add("run\t" + System.getProperty(RUN_PROPERTY, "-"));
        for (Map.Entry<String, String> e : skipped.entrySet()) {
            int n = counts.get(e.getKey());
            lines.add(module + "\t" + e.getKey() + (n > 1 ? " (" + n + " tests)" : "") + "\t" + e.getValue());
        }
        try {
            Path target = Files.createDirectories(dir.resolve("target"));
            Files.write(target.resolve(FILE), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.out.println("[mynn] could not write the skip report: " + e);
        }
        if (!skipped.isEmpty()) {
            System.out.println("[mynn] skipped in " + module + ":");
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t", 3);
                System.out.println("[mynn]   " + f[1] + ": " + f[2]);
            }
        }
    }
}
