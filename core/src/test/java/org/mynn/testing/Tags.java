package org.mynn.testing;

/**
 * The tags of tests that need more than the JVM: run the fast, hermetic rest alone with
 * {@code mvn -B verify -DexcludedGroups=real-data,subprocess,browser}, or only these with {@code -Dgroups=...}.
 */
public final class Tags {

    /** Reads the real MNIST or Fashion-MNIST (fetched into the cache on first use). */
    public static final String REAL_DATA = "real-data";
    /** Starts another process: a child JVM, python3, kill, tar. */
    public static final String SUBPROCESS = "subprocess";
    /** Drives Chromium through chromedriver. */
    public static final String BROWSER = "browser";

    private Tags() {
    }
}
