package org.mynn.render;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

/** Where pictures go. */
public interface ImageSink {

    /**
     * Writes {@code image} as a PNG file, atomically.
     *
     * @throws org.mynn.core.MynnException when the folder does not exist or cannot be written
     */
    void writePng(BufferedImage image, Path file);
}
