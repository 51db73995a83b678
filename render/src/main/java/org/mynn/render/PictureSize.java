package org.mynn.render;

import java.util.Locale;
import org.mynn.core.Memory;
import org.mynn.core.MynnException;

/** The largest picture mynn draws, checked before the picture is allocated. */
final class PictureSize {

    /** The most pixels a side. */
    static final long MAX_SIDE = 30_000;
    /** The most pixels in all: 100 megapixels (400 MB as 32-bit pixels). */
    static final long MAX_PIXELS = 100_000_000;

    private PictureSize() {
    }

    /**
     * @throws MynnException when a {@code width x height} picture is larger than mynn draws, or than memory allows,
     *                       saying how to ask for less
     */
    static void check(long width, long height) {
        if (width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS) {
            throw new MynnException(String.format(Locale.ROOT, "the picture would be %,d x %,d pixels (%,.0f megapixels);"
                    + " mynn draws pictures of up to %,d megapixels and %,d pixels a side: ask for fewer pictures (--count),"
                    + " fewer columns or a smaller --scale", width, height, width * (double) height / 1e6,
                    MAX_PIXELS / 1_000_000, MAX_SIDE));
        }
        Memory.require(8 * width * height, String.format(Locale.ROOT, "a picture of %,d x %,d pixels and its PNG",
                width, height));
    }
}
