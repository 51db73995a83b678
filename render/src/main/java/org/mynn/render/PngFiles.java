package org.mynn.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.mynn.core.io.AtomicFiles;

/** {@link ImageSink} writing PNG files through {@link AtomicFiles}. */
public final class PngFiles implements ImageSink {

    public PngFiles() {
        Headless.ensure();
    }

    @Override
    public void writePng(BufferedImage image, Path file) {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("this Java has no PNG writer");
            }
        });
    }
}
