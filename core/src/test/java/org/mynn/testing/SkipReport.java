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
    /** The file each module writes, under its {@code target} folder ({@code test-skips-it.tsv} for integration tests). */
    public static final String FILE = "test-skips.tsv";

    /** The skipped tests by class and reason: a class skipped whole, or its methods skipped for that reason. */
    private final Map<String, List<String>> skipped = new LinkedHashMap<>();

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
        String why = reason == null ? "no reason given" : reason.strip().replaceAll("\\s+", " ");
        String cls = id.getSource().map(s -> s instanceof MethodSource m ? simple(m.getClassName())
                : s instanceof ClassSource c ? simple(c.getClassName()) : null).orElse(id.getDisplayName());
        String method = id.getSource().filter(MethodSource.class::isInstance).map(s -> ((MethodSource) s).getMethodName())
                .orElse(null);
        List<String> methods = skipped.computeIfAbsent(cls + "\t" + why, k -> new ArrayList<>());
        if (method != null && !methods.contains(method)) {
            methods.add(method);
        }
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
        for (Map.Entry<String, List<String>> e : skipped.entrySet()) {
            String[] clsWhy = e.getKey().split("\t", 2);
            List<String> methods = e.getValue();
            String what = methods.isEmpty() ? clsWhy[0] : methods.size() == 1 ? clsWhy[0] + "." + methods.get(0)
                    : clsWhy[0] + " (" + methods.size() + " tests)";
            lines.add(module + "\t" + what + "\t" + clsWhy[1]);
        }
        try {
            Path target = Files.createDirectories(dir.resolve("target"));
            String phase = System.getProperty("mynn.tests.phase");
            Files.write(target.resolve(phase == null ? FILE : FILE.replace(".tsv", "-" + phase + ".tsv")), lines,
                    StandardCharsets.UTF_8);
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
