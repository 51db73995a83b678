package org.mynn.core;

import java.util.Locale;

/**
 * What the JVM may still allocate, checked before large allocations so that a request too big for this JVM is
 * refused with a sentence (how much, and how to give Java more) instead of an {@code OutOfMemoryError} half-way.
 */
public final class Memory {

    /** The environment variable of the {@code mynn} launcher that passes options, such as {@code -Xmx8g}, to Java. */
    public static final String JAVA_OPTS = "MYNN_JAVA_OPTS";
    /** The most elements of one Java array. */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private Memory() {
    }

    /** @return bytes this JVM may still allocate: its maximum heap less what is in use */
    public static long available() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /**
     * @param bytes what is about to be allocated
     * @param what  for the message, e.g. "model.json: its 150,000,000 weights"
     * @throws MynnException when {@code bytes} do not fit, saying how much is needed and how to give Java more
     */
    public static void require(long bytes, String what) {
        long free = available();
        if (bytes <= free) {
            return;
        }
        if (bytes > free && bytes - free < 64L << 20) {
            System.gc();
            free = available();
            if (bytes <= free) {
                return;
            }
        }
        long max = Runtime.getRuntime().maxMemory();
        long wanted = (long) Math.ceil((max - free + bytes) * 1.25 / (1L << 30));
        throw new MynnException(String.format(Locale.ROOT, "%s need about %s but Java has %s free (of at most %s); give it"
                + " more with %s=-Xmx%dg, or ask for less", what, mb(bytes), mb(free), mb(max), JAVA_OPTS, Math.max(1, wanted)));
    }

    /** @return e.g. "1,234 MB" */
    public static String mb(long bytes) {
        return String.format(Locale.ROOT, "%,d MB", (bytes + (1 << 20) - 1) >> 20);
    }
}
