package org.mynn.data.fetch;

/** Hears how a download advances; the command line draws a bar from it. */
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() {
    };

    /** A transfer starts; {@code totalBytes} is -1 when unknown. */
    default void started(String what, long totalBytes) {
    }

    /** {@code bytes} more arrived. */
    default void advanced(long bytes) {
    }

    /** The transfer ended, well or not. */
    default void finished() {
    }
}
