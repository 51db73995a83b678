/**
 * Datasets for the network: MNIST-style images with labels, read from IDX files (raw or gzip), from the book's
 * CSV files, or made from a person's own picture; named datasets fetched into a cache and verified by SHA-256.
 * Pixels are kept as bytes; {@link org.mynn.data.Encoding} is the one place that turns them into network input.
 */
package org.mynn.data;
