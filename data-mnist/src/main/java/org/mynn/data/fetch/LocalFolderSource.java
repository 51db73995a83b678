package org.mynn.data.fetch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A folder holding the files as {@code <name>} or {@code <name>.gz}, e.g. a Debian package's data folder. */
public final class LocalFolderSource implements FetchSource {

    private final Path folder;
    private final String description;

    /** @param description e.g. "Debian package dataset-fashion-mnist (/usr/share/datasets/fashion-mnist)" */
    public LocalFolderSource(Path folder, String description) {
        this.folder = folder;
        this.description = description;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void fetch(RemoteFile file, Path dest, ProgressListener progress) throws IOException {
        for (String candidate : new String[] {file.name(), file.name() + ".gz"}) {
            Path p = folder.resolve(candidate);
            if (Files.isRegularFile(p)) {
                Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                return;
            }
        }
        throw new IOException(Files.isDirectory(folder) ? "no " + file.name() + "(.gz) in " + folder
                : folder + " does not exist");
    }
}
