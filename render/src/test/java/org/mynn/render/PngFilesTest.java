package org.mynn.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mynn.core.MynnException;

class PngFilesTest {

    @TempDir
    Path dir;

    @Test
    void writePng_decodesToTheSamePixels_andLeavesNoTemporaryFile() throws IOException {
        BufferedImage img = new PixelImageRenderer().render(ImageRendererTest.random784(), 28, 28, ColorMap.DIVERGING, 2);
        Path f = dir.resolve("w.png");
        new PngFiles().writePng(img, f);
        BufferedImage back = ImageIO.read(f.toFile());
        assertThat(back.getWidth()).isEqualTo(56);
        for (int y = 0; y < 56; y++) {
            for (int x = 0; x < 56; x++) {
                assertThat(back.getRGB(x, y)).isEqualTo(img.getRGB(x, y));
            }
        }
        assertThat(dir.toFile().list()).containsExactly("w.png");
    }

    @Test
    void writePng_missingFolder_failsClearly() {
        Path f = dir.resolve("nope/x.png");
        assertThatThrownBy(() -> new PngFiles().writePng(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), f))
                .isInstanceOf(MynnException.class).hasMessage("cannot write " + f + ": folder " + f.getParent() + " does not exist");
    }

    @Test
    void writePng_parentIsAFile_failsClearly() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        assertThatThrownBy(() -> new PngFiles().writePng(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), file.resolve("x.png")))
                .isInstanceOf(MynnException.class).hasMessageEndingWith(file + " is not a folder");
    }
}
