package org.mynn.testing;

import java.io.File;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

/**
 * Guards for tests that need something a fresh machine may lack (Chromium, python3 with numpy and scipy, a POSIX
 * {@code kill}, a dataset no source serves): the test is skipped, saying exactly what is missing and how to get
 * it, and the run ends with a summary of every skip ({@link SkipReport}, {@link SkipSummary}).
 *
 * <p>With {@code -Dmynn.tests.requireAll=true} (as CI runs) every such skip is a failure instead, so a green
 * strict run proves the whole suite ran. What the README asks for (Java, Maven, npm) is never guarded: a test
 * that needs only that fails when it is missing.
 */
public final class Requires {

    /** The system property that turns every skip into a failure. */
    public static final String STRICT_PROPERTY = "mynn.tests.requireAll";

    private static final Map<String, Boolean> CHECKED = new ConcurrentHashMap<>();

    private Requires() {
    }

    /** @return true when skips are failures ({@code -Dmynn.tests.requireAll=true}) */
    public static boolean strict() {
        return Boolean.getBoolean(STRICT_PROPERTY);
    }

    /**
     * Skips the test (or fails it, when strict).
     *
     * @param what what is missing, e.g. "Chromium is not installed"
     * @param how  how to get it, e.g. "apt-get install chromium chromium-driver"
     */
    public static void missing(String what, String how) {
        String message = what + " (" + how + ")";
        if (strict()) {
            throw new AssertionFailedError("-D" + STRICT_PROPERTY + "=true requires it: " + message);
        }
        Assumptions.abort(message);
    }

    /** Skips the test (or fails it, when strict) unless {@code present}. */
    public static void that(boolean present, String what, String how) {
        if (!present) {
            missing(what, how);
        }
    }

    /** @return Chromium: {@code $MYNN_CHROMIUM}, else Debian's {@code /usr/bin/chromium} */
    public static File chromium() {
        return new File(env("MYNN_CHROMIUM", "/usr/bin/chromium"));
    }

    /** @return chromedriver: {@code $MYNN_CHROMEDRIVER}, else Debian's {@code /usr/bin/chromedriver} */
    public static File chromedriver() {
        return new File(env("MYNN_CHROMEDRIVER", "/usr/bin/chromedriver"));
    }

    /** Chromium and chromedriver, for the browser tests. */
    public static void browser() {
        that(chromium().canExecute() && chromedriver().canExecute(), "Chromium and chromedriver are not installed ("
                + chromium() + ", " + chromedriver() + ")", "apt-get install chromium chromium-driver, or set MYNN_CHROMIUM"
                + " and MYNN_CHROMEDRIVER");
    }

    /** python3 able to import {@code modules}, e.g. numpy and scipy, for reference computations. */
    public static void python(String... modules) {
        String imports = String.join(", ", modules);
        boolean ok = CHECKED.computeIfAbsent("python3:" + imports,
                k -> runs("python3", "-c", modules.length == 0 ? "pass" : "import " + imports));
        that(ok, "python3 with " + (modules.length == 0 ? "nothing more" : imports) + " is not available",
                "apt-get install python3 " + String.join(" ", java.util.Arrays.stream(modules)
                        .map(m -> "python3-" + m).toList()));
    }

    /**
     * A program that runs: {@code name probe...} must exit with 0 (e.g. {@code tar --version}), so a stand-in that
     * only fails does not count.
     *
     * @param how how to get it, e.g. "apt-get install tar"
     */
    public static void command(String name, String how, String... probe) {
        String[] cmd = new String[probe.length + 1];
        cmd[0] = name;
        System.arraycopy(probe, 0, cmd, 1, probe.length);
        boolean ok = CHECKED.computeIfAbsent(String.join(" ", cmd), k -> runs(cmd));
        that(ok, "'" + String.join(" ", cmd) + "' does not run here", how);
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
