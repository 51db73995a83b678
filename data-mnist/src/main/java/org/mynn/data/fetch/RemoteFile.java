package org.mynn.data.fetch;

/**
 * One file of a dataset as it is kept in the cache: decompressed, under {@code name}.
 *
 * @param name   e.g. {@code train-images-idx3-ubyte}; sources may offer it gzip-compressed as {@code name.gz}
 * @param sha256 of the decompressed content, lowercase hex
 * @param size   of the decompressed content, bytes
 */
public record RemoteFile(String name, String sha256, long size) {
}
