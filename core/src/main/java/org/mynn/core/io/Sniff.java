package org.mynn.core.io;

import java.util.HexFormat;

/**
 * Names what a file looks like from its first bytes, so that an error can say "this is a PNG image" rather than
 * only "this is not what I expected".
 */
public final class Sniff {

    private Sniff() {
    }

    /**
     * @param head the first bytes of a file (any number)
     * @return e.g. {@code "bytes 89 50 4e 47 (a PNG image)"}
     */
    public static String describe(byte[] head) {
        int n = Math.min(head.length, 4);
        String hex = HexFormat.ofDelimiter(" ").formatHex(head, 0, n);
        String kind = kind(head);
        return "bytes " + hex + (kind == null ? "" : " (" + kind + ")");
    }

    /** @return a short name of the file type, or null when unknown */
    public static String kind(byte[] b) {
        if (starts(b, 0x89, 'P', 'N', 'G')) {
            return "a PNG image";
        }
        if (starts(b, 0xFF, 0xD8, 0xFF)) {
            return "a JPEG image";
        }
        if (starts(b, 'G', 'I', 'F', '8')) {
            return "a GIF image";
        }
        if (starts(b, 'B', 'M')) {
            return "a BMP image";
        }
        if (starts(b, 0x1F, 0x8B)) {
            return "gzip-compressed data";
        }
        if (starts(b, 'P', 'K', 3, 4)) {
            return "a zip archive";
        }
        if (starts(b, 0, 0, 8, 3)) {
            return "an IDX image file";
        }
        if (starts(b, 0, 0, 8, 1)) {
            return "an IDX label file";
        }
        if (starts(b, '{') || starts(b, '[')) {
            return "JSON";
        }
        if (b.length > 0 && b[0] >= '0' && b[0] <= '9') {
            return "text, perhaps CSV";
        }
        return null;
    }

    private static boolean starts(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xff) != (prefix[i] & 0xff)) {
                return false;
            }
        }
        return true;
    }
}
