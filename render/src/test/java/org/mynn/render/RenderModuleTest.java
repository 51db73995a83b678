package org.mynn.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.util.Modules;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderModuleTest {

    @TempDir
    Path dir;

    @Test
    void injector_bindsEachRendererToItsDocumentedImplementation_asASingleton() {
        Injector injector = Guice.createInjector(new RenderModule());
        assertThat(injector.getInstance(ImageRenderer.class)).isInstanceOf(PixelImageRenderer.class);
        assertThat(injector.getInstance(GridRenderer.class)).isInstanceOf(CaptionedGridRenderer.class);
        assertThat(injector.getInstance(ChartRenderer.class)).isInstanceOf(JFreeChartRenderer.class);
        assertThat(injector.getInstance(TerminalRenderer.class)).isInstanceOf(BlockTerminalRenderer.class);
        assertThat(injector.getInstance(ImageSink.class)).isInstanceOf(PngFiles.class);
        for (Class<?> bound : List.of(ImageRenderer.class, GridRenderer.class, ChartRenderer.class, TerminalRenderer.class,
                ImageSink.class)) {
            assertThat(injector.getInstance(bound)).as("%s is a singleton", bound.getSimpleName())
                    .isSameAs(injector.getInstance(bound));
        }
    }

    @Test
    void theInjectedGridAndSink_writeAPngOfTheLayoutsSize() throws IOException {
        Injector injector = Guice.createInjector(new RenderModule());
        CaptionedGridRenderer grid = (CaptionedGridRenderer) injector.getInstance(GridRenderer.class);
        List<Tile> tiles = List.of(new Tile(ImageRendererTest.random784(), 28, 28, "7", ColorMap.GREYS),
                new Tile(ImageRendererTest.random784(), 28, 28, "1", ColorMap.GREYS),
                new Tile(ImageRendererTest.random784(), 28, 28, "4", ColorMap.GREYS));
        CaptionedGridRenderer.Layout layout = grid.layout(tiles, 2, 3, "digits");
        Path file = dir.resolve("grid.png");
        injector.getInstance(ImageSink.class).writePng(grid.grid(tiles, 2, 3, "digits"), file);
        BufferedImage back = ImageIO.read(file.toFile());
        assertThat(back).as("a PNG ImageIO can read").isNotNull();
        assertThat(back.getWidth()).isEqualTo(layout.width()).isEqualTo(8 + 2 * (28 * 3 + 8));
        assertThat(back.getHeight()).isEqualTo(layout.height());
    }

    @Test
    void aBindingCanBeSwapped_andTheGridUsesTheSwappedImageRenderer() {
        ImageRenderer flat = (values, rows, cols, map, scale) -> new BufferedImage(cols * scale, rows * scale, BufferedImage.TYPE_INT_RGB);
        Injector injector = Guice.createInjector(Modules.override(new RenderModule()).with(new AbstractModule() {
            @Override
            protected void configure() {
                bind(ImageRenderer.class).toInstance(flat);
            }
        }));
        BufferedImage img = injector.getInstance(GridRenderer.class)
                .grid(java.util.List.of(new Tile(new double[] {0, 1, 2, 3}, 2, 2, "", ColorMap.GREYS)), 1, 10, null);
        assertThat(img.getRGB(8 + 5, 8 + 5) & 0xffffff).isZero();
    }
}
